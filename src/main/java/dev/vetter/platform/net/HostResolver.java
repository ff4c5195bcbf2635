package dev.vetter.platform.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Name resolution, replaceable in tests. The default asks the system resolver for every
 * address.
 */
@FunctionalInterface
public interface HostResolver {

	HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

	List<InetAddress> resolve(String host) throws UnknownHostException;

}
