package dev.vetter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vetter.support.Api;

import tools.jackson.databind.JsonNode;

/**
 * The default embedded database keeps tenants, keys and libraries across a restart: a
 * real second start of the application on the same data directory, with nothing fixed by
 * configuration.
 */
class RestartPersistenceTest {

	@Test
	void keepsTenantsKeysAndLibrariesAcrossRestart() throws Exception {
		Path work = Files.createTempDirectory("vetter-restart");
		String[] args = { "--server.port=0", "--vetter.embedded-db.data-dir=" + work.resolve("pgdata"),
				"--vetter.security.master-key-file=" + work.resolve("master.key"),
				"--vetter.bootstrap.operator-password=restart-operator-1", "--spring.main.banner-mode=off" };

		long uid;
		String keyId;
		String secret;
		long libraryId;
		try (ConfigurableApplicationContext first = SpringApplication.run(VetterApplication.class, args)) {
			Api operator = new Api(port(first), "operator", "restart-operator-1");
			JsonNode tenant = operator.post("/v1/admin/tenants", "{\"name\":\"Persistent\"}").json();
			uid = tenant.get("uid").asLong();
			keyId = tenant.get("accessKeyId").asString();
			secret = tenant.get("accessKeySecret").asString();
			Api api = new Api(port(first), keyId, secret);
			libraryId = api.post("/v1/libraries", "{\"name\":\"kept\",\"kind\":\"TEXT\",\"action\":\"BLOCK\"}")
				.json()
				.get("id")
				.asLong();
			api.post("/v1/libraries/" + libraryId + "/entries", "{\"entries\":[\"frobozz\"]}");
		}

		try (ConfigurableApplicationContext second = SpringApplication.run(VetterApplication.class, args)) {
			Api api = new Api(port(second), keyId, secret);
			assertThat(api.get("/v1/tenant").json().get("uid").asLong()).isEqualTo(uid);
			JsonNode library = api.get("/v1/libraries/" + libraryId).json();
			assertThat(library.get("name").asString()).isEqualTo("kept");
			assertThat(library.get("entries").asLong()).isEqualTo(1);
			JsonNode scan = api.post("/v1/text/moderations", "{\"content\":\"a frobozz appears\"}").json();
			assertThat(scan.get("suggestion").asString()).isEqualTo("block");
		}
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
