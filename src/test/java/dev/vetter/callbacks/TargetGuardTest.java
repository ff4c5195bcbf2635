package dev.vetter.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.vetter.platform.net.HostResolver;
import dev.vetter.platform.net.ResolvedTarget;
import dev.vetter.platform.net.TargetGuard;
import dev.vetter.platform.net.TargetRefused;

class TargetGuardTest {

	private static InetAddress ip(String s) {
		try {
			return InetAddress.getByName(s);
		}
		catch (UnknownHostException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A resolver with fixed answers; anything else does not resolve. */
	private static HostResolver dns(Map<String, List<String>> answers) {
		return host -> {
			List<String> a = answers.get(host);
			if (a == null) {
				throw new UnknownHostException(host);
			}
			return a.stream().map(TargetGuardTest::ip).toList();
		};
	}

	private final TargetGuard strict = new TargetGuard(false,
			dns(Map.of("public.example", List.of("93.184.216.34"), "rebind.example",
					List.of("93.184.216.34", "10.1.2.3"), "internal.example", List.of("192.168.1.10"),
					"metadata.example", List.of("169.254.169.254"))));

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1/cb", "http://2130706433/cb", "http://10.0.0.1/cb",
			"http://172.16.5.4/cb", "http://192.168.0.1/cb", "http://169.254.169.254/latest/meta-data/",
			"http://100.100.100.200/latest/meta-data", "http://[::1]:8080/cb", "http://[::ffff:127.0.0.1]/cb",
			"http://[fd00::1]/cb", "http://[fe80::1]/cb", "http://0.0.0.0/cb", "http://localhost:8080/cb",
			"http://api.localhost/cb", "http://100.64.0.1/cb" })
	void refusesPrivateLoopbackLinkLocalAndMetadataAddressesByDefault(String url) {
		assertThatThrownBy(() -> strict.check(url)).isInstanceOf(TargetRefused.class)
			.hasMessageContaining("not allowed");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://example.com/x", "file:///etc/passwd", "gopher://x/", "http://user:pw@example.com/",
			"http:///nohost", "not a url", "", "http://127.1/cb" })
	void refusesOtherSchemesAndMalformedUrls(String url) {
		assertThatThrownBy(() -> strict.check(url)).isInstanceOf(TargetRefused.class);
	}

	@Test
	void resolvesOnceAndHandsBackTheCheckedAddresses() throws Exception {
		ResolvedTarget t = strict.resolve(URI.create("https://public.example/hook?a=1"));
		assertThat(t.addresses()).containsExactly(ip("93.184.216.34"));
		assertThat(t.port()).isEqualTo(443);
		assertThat(t.hostHeader()).isEqualTo("public.example");
		assertThat(t.requestTarget()).isEqualTo("/hook?a=1");
	}

	@Test
	void refusesAHostnameResolvingToAPrivateAddress() {
		assertThatThrownBy(() -> strict.resolve(URI.create("http://internal.example/cb")))
			.isInstanceOf(TargetRefused.class)
			.hasMessageContaining("192.168.1.10");
		assertThatThrownBy(() -> strict.resolve(URI.create("http://metadata.example/cb")))
			.isInstanceOf(TargetRefused.class)
			.hasMessageContaining("metadata");
	}

	@Test
	void refusesANameWithAnyPrivateAddressAmongPublicOnes() {
		assertThatThrownBy(() -> strict.resolve(URI.create("http://rebind.example/cb")))
			.isInstanceOf(TargetRefused.class)
			.hasMessageContaining("10.1.2.3");
	}

	@Test
	void refusesLocalhostThroughTheRealResolver() {
		TargetGuard real = new TargetGuard(false, HostResolver.SYSTEM);
		assertThatThrownBy(() -> real.resolve(URI.create("http://localhost:9/cb"))).isInstanceOf(TargetRefused.class);
	}

	@Test
	void theSwitchAllowsLoopbackAndPrivateButNeverMetadataOrLinkLocal() throws Exception {
		TargetGuard dev = new TargetGuard(true, HostResolver.SYSTEM);
		assertThat(dev.resolve(URI.create("http://127.0.0.1:8080/cb")).addresses()).containsExactly(ip("127.0.0.1"));
		assertThat(dev.check("http://10.0.0.1/cb")).isNotNull();
		assertThat(dev.check("http://localhost/cb")).isNotNull();
		assertThatThrownBy(() -> dev.check("http://169.254.169.254/")).isInstanceOf(TargetRefused.class);
		assertThatThrownBy(() -> dev.check("http://100.100.100.200/")).isInstanceOf(TargetRefused.class);
		assertThatThrownBy(() -> dev.check("http://[fe80::1]/")).isInstanceOf(TargetRefused.class);
	}

	@Test
	void unknownHostsAreNotRefusedButFailToResolve() {
		assertThatThrownBy(() -> strict.resolve(URI.create("http://nowhere.example/cb")))
			.isInstanceOf(UnknownHostException.class);
	}

}
