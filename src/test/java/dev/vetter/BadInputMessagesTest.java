package dev.vetter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.vetter.support.Api;
import dev.vetter.support.Fixtures;
import dev.vetter.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * What a client reads when its input is refused: the field, the allowed values, no class
 * names; and refusals that happen before anything runs.
 */
@IntegrationTest
class BadInputMessagesTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	JsonNode refused(Api.Response r, int status, String code) {
		assertThat(r.status()).as(r.body()).isEqualTo(status);
		assertThat(r.contentType()).startsWith("application/problem+json");
		JsonNode json = r.json();
		assertThat(json.get("code").asString()).isEqualTo(code);
		assertThat(json.get("detail").asString()).doesNotContain("dev.vetter", "java.", "tools.jackson");
		return json;
	}

	@Test
	void enumErrorsNameTheFieldAndTheAllowedValues() {
		Api api = new Fixtures(port).tenant().api();
		assertThat(refused(api.post("/v1/libraries", "{\"name\":\"a\",\"kind\":\"VIDEO\",\"action\":\"BLOCK\"}"), 400,
				"validation-failed")
			.get("detail")
			.asString()).isEqualTo("kind: must be one of TEXT, IMAGE");
		assertThat(refused(api.post("/v1/libraries", "{\"name\":\"a\",\"kind\":\"TEXT\",\"action\":\"DROP\"}"), 400,
				"validation-failed")
			.get("detail")
			.asString()).isEqualTo("action: must be one of BLOCK, REVIEW, PASS");
	}

	@Test
	void numbersAreNotTakenForStrings() {
		Api api = new Fixtures(port).tenant().api();
		long lib = api.post("/v1/libraries", "{\"name\":\"n\",\"kind\":\"TEXT\",\"action\":\"BLOCK\"}")
			.json()
			.get("id")
			.asLong();
		assertThat(
				refused(api.post("/v1/libraries/" + lib + "/entries", "{\"entries\":[1,2]}"), 400, "validation-failed")
					.get("detail")
					.asString())
			.isEqualTo("entries[0]: must be a string");
		assertThat(
				refused(api.post("/v1/text/moderations", "{\"content\":123}"), 400, "validation-failed").get("detail")
					.asString())
			.isEqualTo("content: must be a string");
	}

	@Test
	void nulAndLoneSurrogatesAreRefusedNamingTheField() {
		Fixtures.TenantKey tenant = new Fixtures(port).manualTenant(1, "[\"abuse\"]");
		assertThat(refused(tenant.api().post("/v1/text/moderations", "{\"content\":\"a\\u0000b\"}"), 400,
				"validation-failed")
			.get("detail")
			.asString()).startsWith("content: must not contain NUL");
		assertThat(refused(tenant.api()
			.post("/v1/manual-reviews", "{\"kind\":\"text\",\"tasks\":[{\"dataId\":\"d\",\"content\":\"\\ud800\"}]}"),
				400, "validation-failed")
			.get("detail")
			.asString()).startsWith("tasks[0].content: must not contain a lone surrogate");
		assertThat(refused(tenant.api().post("/v1/manual-reviews", "{\"kind\":\"text\",\"tasks\":[null]}"), 400,
				"validation-failed")
			.get("detail")
			.asString()).isEqualTo("tasks[0]: must not be null");
		// a surrogate pair is fine and kept exactly
		Api.Response ok = tenant.api()
			.post("/v1/manual-reviews",
					"{\"kind\":\"text\",\"tasks\":[{\"dataId\":\"d\",\"content\":\"\\ud83d\\ude00\"}]}");
		assertThat(ok.status()).as(ok.body()).isEqualTo(202);
		String taskId = ok.json().at("/tasks/0/taskId").asString();
		assertThat(jdbc.sql("select content from moderation_tasks where task_id = :t")
			.param("t", taskId)
			.query(String.class)
			.single()).isEqualTo("\ud83d\ude00");
	}

	@Test
	void xmlOnlyClientsGet406BeforeTheScanRuns() throws Exception {
		Fixtures.TenantKey tenant = new Fixtures(port).manualTenant(1, "[\"abuse\"]");
		long before = tasks(tenant.uid());
		HttpResponse<String> r = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/manual-reviews"))
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"kind\":\"text\",\"tasks\":[{\"dataId\":\"d\",\"content\":\"hello\"}]}"))
				.header("Authorization", tenant.api().authorization())
				.header("Content-Type", "application/json")
				.header("Accept", "application/xml")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(406);
		assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(Api.JSON.readTree(r.body()).get("code").asString()).isEqualTo("not-acceptable");
		assertThat(tasks(tenant.uid())).as("nothing was queued").isEqualTo(before);
	}

	@Test
	void aBodyOverTheLimitIsRefusedWithoutBeingReadWhole() {
		Api api = new Fixtures(port).tenant().api();
		refused(api.post("/v1/text/moderations", "{\"content\":\"" + "a".repeat(5 * 1024 * 1024) + "\"}"), 413,
				"too-large");
	}

	long tasks(long uid) {
		return jdbc.sql("select count(*) from moderation_tasks t join tenants n on n.id = t.tenant_id where n.uid = :u")
			.param("u", uid)
			.query(Long.class)
			.single();
	}

}
