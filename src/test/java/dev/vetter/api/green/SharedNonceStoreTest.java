package dev.vetter.api.green;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.aliyuncs.green.model.v20180509.TextScanRequest;

import dev.vetter.VetterApplication;
import dev.vetter.support.GreenSdk;
import dev.vetter.support.TestDatabase;

/**
 * Two nodes on one database with {@code vetter.green.nonce-store=database}: a replay to
 * the other node is refused.
 */
class SharedNonceStoreTest {

	private static final String BODY = "{\"scenes\":[\"antispam\"],\"tasks\":[{\"content\":\"hello\"}]}";

	@Test
	void aRequestReplayedToAnotherNodeIsRefused() {
		String[] args = { "--server.port=0", "--spring.datasource.url=" + TestDatabase.jdbcUrl(),
				"--spring.datasource.username=postgres", "--vetter.green.nonce-store=database",
				"--vetter.bootstrap.tenant-uid=777001", "--vetter.bootstrap.access-key-id=LTAItwoNodes",
				"--vetter.bootstrap.access-key-secret=two-nodes-secret",
				"--vetter.security.master-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
				"--vetter.callbacks.worker.enabled=false", "--spring.main.banner-mode=off" };
		try (ConfigurableApplicationContext nodeA = SpringApplication.run(VetterApplication.class, args);
				ConfigurableApplicationContext nodeB = SpringApplication.run(VetterApplication.class, args)) {
			var signed = new GreenSdk(port(nodeA), "LTAItwoNodes", "two-nodes-secret").sign(new TextScanRequest(),
					BODY);

			GreenSdk.Reply first = GreenSdk.send(signed, Map.of(), null);
			GreenSdk.Reply replayToB = GreenSdk.send(signed,
					URI.create("http://127.0.0.1:" + port(nodeB) + "/green/text/scan"), Map.of(), null);

			assertThat(first.status()).as(first.body()).isEqualTo(200);
			assertThat(replayToB.status()).isEqualTo(400);
			assertThat(replayToB.json().get("Code").asString()).isEqualTo("SignatureNonceUsed");
			var fresh = new GreenSdk(port(nodeB), "LTAItwoNodes", "two-nodes-secret").call(new TextScanRequest(), BODY);
			assertThat(fresh.status()).isEqualTo(200);
		}
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
