package dev.vetter.platform.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one rule for every outbound connection Vetter makes on a tenant's behalf
 * (callbacks, media fetches): {@code http} or {@code https} only, and no address on a
 * private network, the loopback, link-local or a cloud metadata service.
 * <p>
 * Use it in two steps: {@link #check(String)} at request time (syntax, scheme, literal
 * addresses and {@code localhost} names, without DNS), then {@link #resolve(URI)} right
 * before connecting: it resolves the host <em>once</em>, checks every address, and hands
 * back the addresses to connect to, so a second DNS answer can never slip a private
 * address in between check and use (DNS rebinding). Check again for every redirect.
 * <p>
 * {@code allowPrivateTargets} (property {@code vetter.security.allow-private-targets})
 * lets loopback and private ranges through for development and tests. Link-local (which
 * holds the metadata services of most clouds), known metadata addresses, unspecified,
 * multicast and reserved addresses are refused always.
 */
public final class TargetGuard {

	private static final int MAX_URL_LENGTH = 2048;

	/**
	 * Metadata services outside link-local: Alibaba Cloud, AWS over IPv6, Azure wire
	 * server, Oracle.
	 */
	private static final Set<String> METADATA = Set.of("100.100.100.200", "fd00:ec2:0:0:0:0:0:254", "168.63.129.16",
			"192.0.0.192");

	private final boolean allowPrivateTargets;

	private final HostResolver resolver;

	public TargetGuard(boolean allowPrivateTargets, HostResolver resolver) {
		this.allowPrivateTargets = allowPrivateTargets;
		this.resolver = resolver;
	}

	public boolean allowsPrivateTargets() {
		return allowPrivateTargets;
	}

	/**
	 * Checks what can be checked without DNS: length, syntax, scheme, no user info, port,
	 * and the host when it is a literal address or a {@code localhost} name.
	 * @return the parsed URL
	 * @throws TargetRefused with a message fit for the caller
	 */
	public URI check(String url) {
		if (url == null || url.isBlank()) {
			throw new TargetRefused("URL is missing");
		}
		if (url.length() > MAX_URL_LENGTH) {
			throw new TargetRefused("URL is longer than " + MAX_URL_LENGTH + " characters");
		}
		URI uri;
		try {
			uri = new URI(url.trim());
		}
		catch (URISyntaxException e) {
			throw new TargetRefused("URL is not valid: " + e.getReason());
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new TargetRefused("URL must start with http:// or https://");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw new TargetRefused("URL has no valid host");
		}
		if (uri.getRawUserInfo() != null) {
			throw new TargetRefused("URL must not contain user info");
		}
		if (uri.getPort() == 0 || uri.getPort() > 65535) {
			throw new TargetRefused("URL port is out of range");
		}
		if (uri.getRawFragment() != null) {
			throw new TargetRefused("URL must not contain a fragment");
		}
		String host = bare(uri.getHost());
		if (isLocalhostName(host) && !allowPrivateTargets) {
			throw new TargetRefused("URL host " + host + " is the loopback; it is not allowed");
		}
		if (isLiteralAddress(host)) {
			try {
				refuseIfForbidden(host, InetAddress.getByName(host));
			}
			catch (UnknownHostException e) {
				throw new TargetRefused("URL host " + host + " is not a valid address");
			}
		}
		return uri;
	}

	/**
	 * Resolves the host once and checks every address it has; refused if any one is
	 * forbidden (a name that answers both a public and a private address is not trusted).
	 * @throws TargetRefused when the URL or an address is forbidden
	 * @throws UnknownHostException when the name does not resolve (worth retrying later)
	 */
	public ResolvedTarget resolve(URI uri) throws UnknownHostException {
		URI checked = check(uri.toString());
		String host = bare(checked.getHost());
		List<InetAddress> addresses = addresses(host);
		boolean https = checked.getScheme().equalsIgnoreCase("https");
		int port = checked.getPort() > 0 ? checked.getPort() : https ? 443 : 80;
		return new ResolvedTarget(checked, host, port, https, addresses);
	}

	/**
	 * Resolves a host name once (a literal address is parsed, never looked up) and checks
	 * every address; the outbound client's DNS resolver, so the addresses checked are the
	 * ones connected to.
	 * @throws TargetRefused when any address is forbidden
	 * @throws UnknownHostException when the name does not resolve
	 */
	public List<InetAddress> addresses(String hostName) throws UnknownHostException {
		String host = bare(hostName);
		if (isLocalhostName(host) && !allowPrivateTargets) {
			throw new TargetRefused("URL host " + host + " is the loopback; it is not allowed");
		}
		List<InetAddress> addresses = host.indexOf(':') >= 0 || host.matches("[0-9.]+")
				? List.of(InetAddress.getByName(host)) : resolver.resolve(host);
		if (addresses.isEmpty()) {
			throw new UnknownHostException(host);
		}
		for (InetAddress address : addresses) {
			refuseIfForbidden(host, address);
		}
		return List.copyOf(addresses);
	}

	/** Why this address is refused, or {@code null} when it is allowed. */
	public String refusal(InetAddress address) {
		InetAddress a = embeddedIpv4(address);
		if (a.isAnyLocalAddress()) {
			return "the unspecified address";
		}
		if (a.isMulticastAddress()) {
			return "a multicast address";
		}
		if (METADATA.contains(a.getHostAddress()) || a.getHostAddress().equals("169.254.169.254")) {
			return "a cloud metadata address";
		}
		if (a.isLinkLocalAddress()) {
			return "a link-local address";
		}
		if (a instanceof Inet4Address v4) {
			byte[] b = v4.getAddress();
			int b0 = b[0] & 0xff;
			int b1 = b[1] & 0xff;
			if (b0 == 0 || b0 >= 240) {
				return "a reserved address";
			}
			if (b0 == 198 && (b1 == 18 || b1 == 19)) {
				return "a reserved address";
			}
		}
		if (allowPrivateTargets) {
			return null;
		}
		if (a.isLoopbackAddress()) {
			return "the loopback";
		}
		if (a.isSiteLocalAddress()) {
			return "a private-network address";
		}
		if (a instanceof Inet4Address v4) {
			byte[] b = v4.getAddress();
			if ((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
				return "a shared (carrier-grade NAT) address";
			}
		}
		if (a instanceof Inet6Address v6) {
			byte[] b = v6.getAddress();
			if ((b[0] & 0xfe) == 0xfc) {
				return "a private-network (unique local) address";
			}
			if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
				return "a private-network (site-local) address";
			}
		}
		return null;
	}

	private void refuseIfForbidden(String host, InetAddress address) {
		String why = refusal(address);
		if (why != null) {
			String shown = host.equals(address.getHostAddress()) ? host : host + " (" + address.getHostAddress() + ")";
			throw new TargetRefused("URL host " + shown + " is " + why + "; it is not allowed");
		}
	}

	/**
	 * IPv4 addresses hidden in IPv6 ones (mapped {@code ::ffff:a.b.c.d}, compatible
	 * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}, 6to4 {@code 2002:aabb:ccdd::})
	 * are judged as the IPv4 address.
	 */
	static InetAddress embeddedIpv4(InetAddress address) {
		if (!(address instanceof Inet6Address v6)) {
			return address;
		}
		byte[] b = v6.getAddress();
		boolean zeroPrefix = true;
		for (int i = 0; i < 10; i++) {
			zeroPrefix &= b[i] == 0;
		}
		boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
		boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0 && !address.isLoopbackAddress()
				&& !address.isAnyLocalAddress();
		boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
				&& (b[3] & 0xff) == 0x9b;
		try {
			if (mapped || compatible || nat64) {
				return InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] });
			}
			if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
				return InetAddress.getByAddress(new byte[] { b[2], b[3], b[4], b[5] });
			}
		}
		catch (UnknownHostException e) {
			throw new IllegalStateException(e);
		}
		return address;
	}

	private static String bare(String host) {
		String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
		h = h.toLowerCase(Locale.ROOT);
		return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
	}

	private static boolean isLocalhostName(String host) {
		return host.equals("localhost") || host.endsWith(".localhost") || host.equals("localhost.localdomain");
	}

	/**
	 * IPv6 literals, dotted IPv4 and the odd numeric forms ({@code 2130706433},
	 * {@code 0x7f.1}) resolvers accept.
	 */
	private static boolean isLiteralAddress(String host) {
		return host.indexOf(':') >= 0 || host.matches("[0-9.]+")
				|| host.matches("(0x[0-9a-f]+|[0-9]+)(\\.(0x[0-9a-f]+|[0-9]+)){0,3}");
	}

}
