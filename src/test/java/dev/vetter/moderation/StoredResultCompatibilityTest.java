package dev.vetter.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.aliyuncs.green.model.v20180509.TextScanRequest;

import dev.vetter.support.Api;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;
import dev.vetter.support.IntegrationTest;
import dev.vetter.tenancy.TenantDirectory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Escalated machine results are stored in Vetter's own form; a task stored before, in the
 * Green API 1.0 shape, answers {@code GET /v1/tasks/{taskId}} exactly as it did, with the
 * native {@code document} beside it, and stays searchable.
 */
@IntegrationTest
class StoredResultCompatibilityTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TenantDirectory directory;

	@Autowired
	TaskSearch search;

	@Autowired
	Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aTaskStoredInTheGreenShapeAnswersAsBeforeWithTheNativeDocument() {
		Fixtures.TenantKey tenant = new Fixtures(port).manualTenant(1, "[\"ad\"]");
		long tenantId = directory.tenantByUid(tenant.uid()).id();
		String taskId = "txtLegacy" + System.nanoTime();
		String stored = StoredResultsTest.LEGACY_TEXT.replace("\"txt1\"", "\"" + taskId + "\"");
		String audit = "{\"suggestion\":\"block\",\"labels\":[\"ad\"],\"note\":null,"
				+ "\"reviewedAt\":\"2026-01-02T03:04:05.678Z\",\"reviews\":1}";
		jdbc.sql("""
				insert into moderation_tasks (task_id, tenant_id, kind, mode, data_id, content, machine_result,
				  audit_result, status, created_at, completed_at)
				values (:id, :tenant, 'text', 'HUMAN_MACHINE', 'd1', 'buy pills at x.com', cast(:machine as jsonb),
				  cast(:audit as jsonb), 'DONE', :at, :at)
				""")
			.param("id", taskId)
			.param("tenant", tenantId)
			.param("machine", stored)
			.param("audit", audit)
			.param("at", Timestamp.from(clock.instant()))
			.update();

		Api.Response r = tenant.api().get("/v1/tasks/" + taskId);

		assertThat(r.status()).as(r.body()).isEqualTo(200);
		ObjectNode body = (ObjectNode) json.readTree(r.body());
		JsonNode document = body.remove("document");
		ObjectNode expected = (ObjectNode) json.readTree(stored);
		// the API's mapper leaves out null members, as it always did
		expected.set("auditResult", ((ObjectNode) json.readTree(audit)).without("note"));
		assertThat(body).isEqualTo(expected);
		assertThat(r.body()).startsWith("{\"code\":200,\"msg\":\"OK\",\"dataId\":\"d1\",\"taskId\":\"" + taskId
				+ "\",\"content\":\"buy pills at x.com\",\"filteredContent\":\"buy ***** at x.com\",\"results\":[");
		assertThat(document.get("taskId").asString()).isEqualTo(taskId);
		assertThat(document.get("suggestion").asString()).isEqualTo("block");
		assertThat(document.get("label").asString()).isEqualTo("ad");
		assertThat(document.at("/findings/0/matches/0/text").asString()).isEqualTo("pills");
		assertThat(document.at("/findings/0/matches/0/positions/0/start").asInt()).isEqualTo(4);
		assertThat(document.at("/findings/0/matches/0/library/name").asString()).isEqualTo("banned");
		assertThat(document.at("/review/suggestion").asString()).isEqualTo("block");
		assertThat(search.recent(tenantId, new TaskSearch.Filter(null, null, "ad", null, null), 10)).anySatisfy(row -> {
			assertThat(row.taskId()).isEqualTo(taskId);
			assertThat(row.machineSuggestion()).isEqualTo("block");
		});
	}

	@Test
	void anEscalatedScanIsStoredInVetterFormAndAnswersTheGreenDocumentWithTheNativeOne() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"customized\"]");
		long tenantId = directory.tenantByUid(tenant.uid()).id();
		long lib = Fixtures.reviewWords(tenant.api(), "suspicious", "flibbertigibbet");
		JsonNode scan = tenant.sdk()
			.call(new TextScanRequest(),
					"{\"scenes\":[\"antispam\"],\"tasks\":[{\"dataId\":\"n1\",\"content\":\"a flibbertigibbet\"}]}")
			.json()
			.at("/data/0");
		String taskId = scan.get("taskId").asString();

		String stored = jdbc.sql("select machine_result::text from moderation_tasks where task_id = :id")
			.param("id", taskId)
			.query(String.class)
			.single();
		assertThat(json.readTree(stored).get("format").asString()).isEqualTo(StoredResults.FORMAT);
		assertThat(json.readTree(stored).has("results")).isFalse();

		JsonNode pending = tenant.api().get("/v1/tasks/" + taskId).json();
		assertThat(pending.get("results")).isEqualTo(scan.get("results"));
		assertThat(pending.at("/document/suggestion").asString()).isEqualTo("review");
		assertThat(pending.at("/document/findings/0/matches/0/library/id").asLong()).isEqualTo(lib);
		assertThat(pending.at("/document/review").isMissingNode()).isTrue();
		assertThat(search.recent(tenantId, new TaskSearch.Filter(null, "review", null, null, null), 10))
			.anySatisfy(row -> assertThat(row.taskId()).isEqualTo(taskId));

		Api reviewer = fx.reviewer(tenant.uid());
		JsonNode item = reviewer.post("/v1/review/claims", "").json();
		assertThat(item.at("/content/machine/results/0/suggestion").asString()).isEqualTo("review");
		Fixtures.decide(reviewer, item.get("id").asLong(), "{\"suggestion\":\"block\",\"labels\":[\"customized\"]}");
		JsonNode done = Await.audited(tenant.api(), taskId);
		assertThat(done.at("/results/0/suggestion").asString()).isEqualTo("review");
		assertThat(done.at("/document/review/suggestion").asString()).isEqualTo("block");
	}

}
