package dev.vetter.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vetter.support.Api;
import dev.vetter.support.IntegrationTest;

/** Vetter as configured out of the box: no callbacks to loopback or private networks. */
@IntegrationTest
class DefaultTargetGuardTest {

	@LocalServerPort
	int port;

	@Test
	void refusesLoopbackAndPrivateCallbackUrlsByDefault() {
		Api api = Api.tenant(port);
		for (String url : new String[] { "http://127.0.0.1:%d/cb".formatted(port), "http://localhost/cb",
				"http://[::1]/cb", "http://10.0.0.7/cb", "http://169.254.169.254/latest/meta-data/" }) {
			Api.Response r = api.put("/v1/notifications", "{\"url\":\"%s\"}".formatted(url));
			assertThat(r.status()).as(url).isEqualTo(400);
			assertThat(r.json().path("code").asString()).isEqualTo("validation-failed");
			assertThat(r.json().path("detail").asString()).as(url).startsWith("url: ").contains("not allowed");
		}
	}

	@Test
	void rejectsMalformedSettings() {
		Api api = Api.tenant(port);
		assertThat(api.put("/v1/notifications", "{\"url\":\"ftp://example.com/\"}").json().path("detail").asString())
			.contains("http:// or https://");
		assertThat(api.put("/v1/notifications", "{\"url\":\"https://example.com/\",\"types\":[\"video\"]}").status())
			.isEqualTo(400);
		assertThat(api.put("/v1/notifications", "{\"url\":\"https://example.com/\",\"cryptType\":\"MD5\"}").status())
			.isEqualTo(400);
		assertThat(api.get("/v1/deliveries?status=lost").status()).isEqualTo(400);
	}

}
