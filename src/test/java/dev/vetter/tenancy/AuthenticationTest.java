package dev.vetter.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.vetter.support.Api;
import dev.vetter.support.Fixtures;
import dev.vetter.support.IntegrationTest;
import dev.vetter.support.MutableClock;

import tools.jackson.databind.JsonNode;

/**
 * HTTP Basic on {@code /v1/**} through Spring Security: throttled failures, the same
 * bcrypt work for unknown users, changes effective on the next request, and the OpenAPI
 * document without the internal caller argument.
 */
@IntegrationTest
@Import(AuthenticationTest.CountingEncoder.class)
class AuthenticationTest {

	/** Counts password checks, to prove unknown users go through the encoder too. */
	@TestConfiguration(proxyBeanMethods = false)
	static class CountingEncoder {

		static final AtomicInteger MATCHES = new AtomicInteger();

		@Bean
		@Primary
		PasswordEncoder countingPasswordEncoder() {
			BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
			return new PasswordEncoder() {
				@Override
				public String encode(CharSequence raw) {
					return bcrypt.encode(raw);
				}

				@Override
				public boolean matches(CharSequence raw, String encoded) {
					MATCHES.incrementAndGet();
					return bcrypt.matches(raw, encoded);
				}
			};
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	private String newUser(String password) {
		String name = "auth" + System.nanoTime();
		Api.Response r = Api.operator(port)
			.post("/v1/admin/users", "{\"username\":\"" + name + "\",\"password\":\"" + password
					+ "\",\"roles\":[\"REVIEWER\"],\"allTenants\":true}");
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return name;
	}

	@Test
	void failedLoginsPerNameAnswer429WithRetryAfterWhileAnotherAddressStillLogsIn() throws Exception {
		// the limits refill with time: stand still while counting
		clock.freezeAt(Instant.now());
		String name = newUser("right-password");
		for (int i = 0; i < 10; i++) {
			Raw r = Raw.get(port, "127.0.0.1", "/v1/review/claims", name, "wrong-" + i);
			assertThat(r.status()).isEqualTo(401);
			assertThat(r.header("WWW-Authenticate")).startsWith("Basic realm=\"vetter\"");
		}
		Raw blocked = Raw.get(port, "127.0.0.1", "/v1/review/items/1/release", name, "right-password");
		assertThat(blocked.status()).isEqualTo(429);
		assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 600L);
		assertThat(blocked.header("Content-Type")).startsWith("application/problem+json");
		assertThat(blocked.body()).contains("\"code\":\"too-many-requests\"");

		// the right password from another address is not locked out
		assertThat(Raw.post(port, "127.0.0.2", "/v1/review/claims", name, "right-password").status()).isIn(200, 204);

		// and the limit refills with time
		clock.advance(Duration.ofMinutes(11));
		assertThat(Raw.post(port, "127.0.0.1", "/v1/review/claims", name, "right-password").status()).isIn(200, 204);
	}

	@Test
	void failedLoginsPerAddressAnswer429ForEveryName() throws Exception {
		clock.freezeAt(Instant.now());
		String name = newUser("right-password");
		for (int i = 0; i < 50; i++) {
			assertThat(
					Raw.get(port, "127.0.0.3", "/v1/tenant", "nobody" + i + "x" + System.nanoTime(), "guess").status())
				.isEqualTo(401);
		}
		Raw blocked = Raw.post(port, "127.0.0.3", "/v1/review/claims", name, "right-password");
		assertThat(blocked.status()).isEqualTo(429);
		assertThat(blocked.header("Retry-After")).isNotBlank();
		assertThat(Raw.post(port, "127.0.0.4", "/v1/review/claims", name, "right-password").status()).isIn(200, 204);
		clock.advance(Duration.ofMinutes(11));
		assertThat(Raw.post(port, "127.0.0.3", "/v1/review/claims", name, "right-password").status()).isIn(200, 204);
	}

	@Test
	void unknownUsersGoThroughThePasswordEncoderLikeKnownOnes() {
		int before = CountingEncoder.MATCHES.get();
		assertThat(new Api(port, "no-such-user-" + System.nanoTime(), "whatever-1").get("/v1/tenant").status())
			.isEqualTo(401);
		assertThat(CountingEncoder.MATCHES.get() - before).isEqualTo(1);

		String name = newUser("right-password");
		int known = CountingEncoder.MATCHES.get();
		assertThat(new Api(port, name, "wrong-password").get("/v1/tenant").status()).isEqualTo(401);
		assertThat(CountingEncoder.MATCHES.get() - known).isEqualTo(1);
	}

	@Test
	void aChangedPasswordStopsWorkingOnTheNextRequest() {
		String name = newUser("first-password");
		Api old = new Api(port, name, "first-password");
		assertThat(old.post("/v1/review/claims", "").status()).isIn(200, 204);

		assertThat(Api.operator(port)
			.put("/v1/admin/users/" + name + "/password", "{\"password\":\"second-password\"}")
			.status()).isEqualTo(204);

		assertThat(old.post("/v1/review/claims", "").status()).isEqualTo(401);
		assertThat(new Api(port, name, "second-password").post("/v1/review/claims", "").status()).isIn(200, 204);
	}

	@Test
	void aDisabledOrDeletedAccessKeyStopsWorkingOnTheNextRequest() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		assertThat(tenant.api().get("/v1/tenant").status()).isEqualTo(200);

		Api operator = Api.operator(port);
		assertThat(operator.put("/v1/admin/access-keys/" + tenant.accessKeyId(), "{\"enabled\":false}").status())
			.isEqualTo(204);
		Api.Response refused = tenant.api().get("/v1/tenant");
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.json().get("code").asString()).isEqualTo("unauthenticated");

		assertThat(operator.put("/v1/admin/access-keys/" + tenant.accessKeyId(), "{\"enabled\":true}").status())
			.isEqualTo(204);
		assertThat(tenant.api().get("/v1/tenant").status()).isEqualTo(200);

		assertThat(operator.delete("/v1/admin/access-keys/" + tenant.accessKeyId()).status()).isEqualTo(204);
		assertThat(tenant.api().get("/v1/tenant").status()).isEqualTo(401);
		assertThat(operator.delete("/v1/admin/access-keys/" + tenant.accessKeyId()).json().get("code").asString())
			.isEqualTo("not-found");
	}

	@Test
	void missingRolesAre403ProblemJsonAndNoCredentialsAre401() {
		Api.Response r = Api.tenant(port).post("/v1/admin/tenants", "{\"name\":\"x\"}");
		assertThat(r.status()).isEqualTo(403);
		assertThat(r.contentType()).startsWith("application/problem+json");
		assertThat(r.json().get("code").asString()).isEqualTo("forbidden");

		Raw anonymous = Raw.get(port, "127.0.0.1", "/v1/tenant", null, null);
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
		assertThat(anonymous.body()).contains("\"code\":\"unauthenticated\"");
		assertThat(anonymous.header("Set-Cookie")).isNull();
	}

	@Test
	void theOpenApiDocumentHasNoCallerParameter() {
		JsonNode doc = Api.JSON.readTree(Raw.get(port, "127.0.0.1", "/v3/api-docs", null, null).body());
		assertThat(doc.get("paths").size()).isGreaterThan(10);
		doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
			JsonNode parameters = op.getValue().get("parameters");
			if (parameters != null) {
				parameters.forEach(p -> assertThat(p.get("name").asString()).as(path.getKey())
					.isNotIn("caller", "principal", "roles", "tenantId", "userId"));
			}
		}));
	}

	/** One HTTP/1.1 exchange from a chosen loopback address. */
	record Raw(int status, String head, String body) {

		static Raw get(int port, String from, String path, String user, String password) {
			return exchange(port, from, "GET", path, user, password);
		}

		static Raw post(int port, String from, String path, String user, String password) {
			return exchange(port, from, "POST", path, user, password);
		}

		static Raw exchange(int port, String from, String method, String path, String user, String password) {
			try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0)) {
				socket.setSoTimeout(30_000);
				StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
				if (user != null) {
					request.append("Authorization: Basic ")
						.append(Base64.getEncoder()
							.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
						.append("\r\n");
				}
				request.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
				OutputStream out = socket.getOutputStream();
				out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
				out.flush();
				InputStream in = socket.getInputStream();
				ByteArrayOutputStream all = new ByteArrayOutputStream();
				in.transferTo(all);
				String response = all.toString(StandardCharsets.UTF_8);
				int split = response.indexOf("\r\n\r\n");
				String head = response.substring(0, split);
				String body = response.substring(split + 4);
				return new Raw(Integer.parseInt(head.substring(9, 12)), head, body);
			}
			catch (IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
		}

		String header(String name) {
			for (String line : head.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
					return line.substring(colon + 1).strip();
				}
			}
			return null;
		}
	}

}
