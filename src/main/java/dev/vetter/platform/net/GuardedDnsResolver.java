package dev.vetter.platform.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only way to turn a host name into addresses: through the
 * {@link TargetGuard}, which resolves once and checks every address. The connection
 * manager connects to exactly what this returns, so the address checked is the address
 * connected to (no second lookup, no DNS rebinding between check and use).
 */
final class GuardedDnsResolver implements DnsResolver {

	/** The guard refused an address; carried through the client as an I/O failure. */
	static final class Refused extends UnknownHostException {

		private final transient TargetRefused refusal;

		Refused(TargetRefused refusal) {
			super(refusal.getMessage());
			this.refusal = refusal;
		}

		TargetRefused refusal() {
			return refusal;
		}

	}

	private final TargetGuard guard;

	GuardedDnsResolver(TargetGuard guard) {
		this.guard = guard;
	}

	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		try {
			return guard.addresses(host).toArray(InetAddress[]::new);
		}
		catch (TargetRefused e) {
			throw new Refused(e);
		}
	}

	@Override
	public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
		return java.util.Arrays.stream(resolve(host)).map(a -> new InetSocketAddress(a, port)).toList();
	}

	@Override
	public String resolveCanonicalHostname(String host) {
		// never used for connecting; no reverse lookups
		return host;
	}

}
