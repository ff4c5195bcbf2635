package dev.vetter.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.vetter.callbacks.internal.DeliveryWorker;
import dev.vetter.platform.EventResubmission;
import dev.vetter.support.Api;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;
import dev.vetter.support.MutableClock;

import tools.jackson.databind.JsonNode;

/**
 * Callback seeds are never stored in clear (tenant notifications and per-request
 * callbacks), a request's seed is cleared once its last delivery is signed, and a human
 * verdict survives a callback refused later or a failing listener.
 */
@CallbacksIntegrationTest
class SeedsAtRestTest {

	@LocalServerPort
	int port;

	@Autowired
	DeliveryWorker worker;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	EventResubmission resubmission;

	Receiver receiver;

	Fixtures fx;

	@BeforeEach
	void setUp() {
		receiver = new Receiver();
		fx = new Fixtures(port);
	}

	@AfterEach
	void tearDown() {
		receiver.close();
		clock.reset();
	}

	/** Every column of the row as text (bytea as hex). */
	String row(String table, String where, Object key) {
		return jdbc.sql("select row_to_json(t)::text from " + table + " t where " + where + " = :k")
			.param("k", key)
			.query(String.class)
			.single();
	}

	@Test
	void theTenantsSeedIsNotStoredInClear() {
		Fixtures.TenantKey tenant = fx.tenant();
		Api.Response put = tenant.api().put("/v1/notifications", "{\"url\":\"" + receiver.url("/n") + "\"}");
		assertThat(put.status()).as(put.body()).isEqualTo(200);
		String seed = put.json().get("seed").asString();
		String rotated = tenant.api().post("/v1/notifications/seed", "").json().get("seed").asString();
		long tenantId = jdbc.sql("select id from tenants where uid = :u")
			.param("u", tenant.uid())
			.query(Long.class)
			.single();

		String stored = row("notification_settings", "tenant_id", tenantId);
		assertThat(stored).doesNotContain(seed).doesNotContain(rotated).contains("seed_cipher");

	}

	@Test
	void aRequestsSeedIsEncryptedAndClearedOnceItsLastDeliveryIsSigned() {
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\"]");
		Api reviewer = fx.reviewer(tenant.uid());
		receiver.verifyWith(tenant.uid(), "req_Seed_at_rest_7", CryptType.SHA256);
		String taskId = submit(tenant, receiver.url("/cb"), "req_Seed_at_rest_7");

		String stored = row("moderation_tasks", "task_id", taskId);
		assertThat(stored).doesNotContain("req_Seed_at_rest_7");
		assertThat(seedCipher(taskId)).as("kept encrypted while the verdict is pending").isNotNull();

		Fixtures.decide(reviewer, Fixtures.claim(reviewer), "{\"suggestion\":\"block\",\"labels\":[\"abuse\"]}");
		Await.until(() -> {
			worker.deliverDue();
			return receiver.received();
		}, r -> !r.isEmpty(), "the verdict's callback");

		assertThat(receiver.badChecksums()).as("signed with the request's seed").isZero();
		assertThat(seedCipher(taskId)).as("cleared after the last delivery").isNull();
		assertThat(jdbc.sql("select row_to_json(d)::text from callback_deliveries d where task_id = :t")
			.param("t", taskId)
			.query(String.class)
			.list()).singleElement().asString().doesNotContain("req_Seed_at_rest_7");
	}

	@Test
	void aStoredCallbackRefusedLaterIsRecordedAndTheVerdictKept() {
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\"]");
		Api reviewer = fx.reviewer(tenant.uid());
		String taskId = submit(tenant, receiver.url("/cb"), "seed_1");
		// the rules changed since the request: this target is refused now
		jdbc.sql("update moderation_tasks set callback_url = 'http://169.254.169.254/latest' where task_id = :t")
			.param("t", taskId)
			.update();

		Fixtures.decide(reviewer, Fixtures.claim(reviewer), "{\"suggestion\":\"pass\"}");

		JsonNode task = Await.audited(tenant.api(), taskId);
		assertThat(task.at("/auditResult/suggestion").asString()).isEqualTo("pass");
		JsonNode deliveries = tenant.api().get("/v1/deliveries?taskId=" + taskId).json();
		assertThat(deliveries.get(0).get("status").asString()).isEqualTo("exhausted");
		JsonNode one = tenant.api().get("/v1/deliveries/" + deliveries.get(0).get("id").asString()).json();
		assertThat(one.at("/history/0/outcome").asString()).isEqualTo("REFUSED");
		assertThat(one.at("/history/0/error").asString()).contains("metadata");
		assertThat(seedCipher(taskId)).isNull();
	}

	@Test
	void aFailedVerdictListenerIsRetriedWithoutARestart() {
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\"]");
		Api reviewer = fx.reviewer(tenant.uid());
		String taskId = submit(tenant, null, null);
		String fn = "inject_failure_" + taskId.replaceAll("[^A-Za-z0-9]", "_").toLowerCase();
		jdbc.sql("""
				create function %s() returns trigger language plpgsql as $$
				begin
				  if new.task_id = '%s' then raise exception 'injected failure'; end if;
				  return new;
				end $$""".formatted(fn, taskId)).update();
		jdbc.sql("create trigger %s before update on moderation_tasks for each row execute function %s()".formatted(fn,
				fn))
			.update();
		try {
			Fixtures.decide(reviewer, Fixtures.claim(reviewer), "{\"suggestion\":\"block\",\"labels\":[\"abuse\"]}");
			Await.until(() -> failedPublications(taskId), n -> n > 0, "the listener to fail");
			assertThat(tenant.api().get("/v1/tasks/" + taskId).json().get("auditResult")).isNull();
		}
		finally {
			jdbc.sql("drop trigger %s on moderation_tasks".formatted(fn)).update();
			jdbc.sql("drop function %s()".formatted(fn)).update();
		}

		clock.shift(Duration.ofMinutes(2));
		resubmission.resubmitIncomplete();

		JsonNode task = Await.audited(tenant.api(), taskId);
		assertThat(task.at("/auditResult/suggestion").asString()).isEqualTo("block");
		Await.until(() -> failedPublications(taskId), n -> n == 0, "the publication to complete");
	}

	long failedPublications(String taskId) {
		return jdbc.sql("""
				select count(*) from event_publication
				where listener_id = 'moderation.review-decided' and completion_date is null
				  and status = 'FAILED' and serialized_event like :task
				""").param("task", "%" + taskId + "%").query(Long.class).single();
	}

	byte[] seedCipher(String taskId) {
		List<byte[]> seeds = jdbc.sql("select callback_seed_cipher from moderation_tasks where task_id = :t")
			.param("t", taskId)
			.query((rs, i) -> rs.getBytes(1))
			.list();
		assertThat(seeds).hasSize(1);
		return seeds.get(0);
	}

	String submit(Fixtures.TenantKey tenant, String callback, String seed) {
		String cb = callback == null ? "" : "\"callback\":\"" + callback + "\",\"seed\":\"" + seed + "\",";
		Api.Response r = tenant.api()
			.post("/v1/manual-reviews",
					"{" + cb + "\"kind\":\"text\",\"tasks\":[{\"dataId\":\"s1\",\"content\":\"you fool\"}]}");
		assertThat(r.status()).as(r.body()).isEqualTo(202);
		return r.json().at("/tasks/0/taskId").asString();
	}

}
