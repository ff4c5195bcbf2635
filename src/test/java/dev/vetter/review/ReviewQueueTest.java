package dev.vetter.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.vetter.support.Api;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;
import dev.vetter.support.IntegrationTest;
import dev.vetter.support.MutableClock;

import tools.jackson.databind.JsonNode;

/**
 * The review queue over real HTTP and PostgreSQL: leases, races, double review,
 * escalation, isolation.
 */
@IntegrationTest
class ReviewQueueTest {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	private List<String> submitTexts(Fixtures.TenantKey tenant, int n) {
		StringBuilder tasks = new StringBuilder();
		for (int i = 0; i < n; i++) {
			tasks.append(i == 0 ? "" : ",")
				.append("{\"dataId\":\"d")
				.append(i)
				.append("\",\"content\":\"text number ")
				.append(i)
				.append("\"}");
		}
		JsonNode r = tenant.api().post("/v1/manual-reviews", "{\"kind\":\"text\",\"tasks\":[" + tasks + "]}").json();
		List<String> ids = new ArrayList<>();
		r.get("tasks").forEach(t -> ids.add(t.get("taskId").asString()));
		assertThat(ids).hasSize(n);
		return ids;
	}

	@Test
	void leaseExpiresWithoutASweeperAndTheFormerHolderCanNoLongerDecide() {
		clock.freezeAt(Instant.parse("2026-11-24T12:00:00Z"));
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\"]");
		submitTexts(tenant, 1);
		Api alice = fx.reviewer(tenant.uid());
		Api bob = fx.reviewer(tenant.uid());

		JsonNode claimed = alice.post("/v1/review/claims", "").json();
		assertThat(bob.post("/v1/review/claims", "").status()).isEqualTo(204);

		clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		JsonNode taken = bob.post("/v1/review/claims", "").json();
		assertThat(taken.get("id").asLong()).isEqualTo(claimed.get("id").asLong());

		Api.Response late = Fixtures.decide(alice, claimed.get("id").asLong(),
				"{\"suggestion\":\"pass\",\"labels\":[]}");
		assertThat(late.status()).isEqualTo(409);
		assertThat(Fixtures.decide(bob, taken.get("id").asLong(), "{\"suggestion\":\"pass\"}").status()).isEqualTo(200);
	}

	@Test
	void sameReviewerReclaimingExtendsTheLease() {
		clock.freezeAt(Instant.parse("2026-11-24T12:00:00Z"));
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\"]");
		submitTexts(tenant, 2);
		Api alice = fx.reviewer(tenant.uid());

		JsonNode first = alice.post("/v1/review/claims", "").json();
		clock.advance(Duration.ofMinutes(4));
		JsonNode again = alice.post("/v1/review/claims", "").json();

		assertThat(again.get("id").asLong()).isEqualTo(first.get("id").asLong());
		assertThat(Instant.parse(again.get("leaseUntil").asString())).isEqualTo(Instant.parse("2026-11-24T12:09:00Z"));
		clock.advance(Duration.ofMinutes(4));
		assertThat(Fixtures.decide(alice, first.get("id").asLong(), "{\"suggestion\":\"pass\"}").status())
			.isEqualTo(200);
	}

	@Test
	void concurrentClaimsNeverAssignAnItemTwice() throws Exception {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\"]");
		List<String> taskIds = submitTexts(tenant, 60);
		List<Api> reviewers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			reviewers.add(fx.reviewer(tenant.uid()));
		}
		List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Callable<Void>> work = new ArrayList<>();
		for (Api reviewer : reviewers) {
			work.add(() -> {
				while (true) {
					Api.Response r = reviewer.post("/v1/review/claims", "");
					if (r.status() == 204) {
						return null;
					}
					long id = r.json().get("id").asLong();
					claimed.add(id);
					assertThat(Fixtures.decide(reviewer, id, "{\"suggestion\":\"pass\"}").status()).isEqualTo(200);
				}
			});
		}
		for (Future<Void> f : pool.invokeAll(work)) {
			f.get();
		}
		pool.shutdown();

		assertThat(claimed).hasSize(taskIds.size());
		assertThat(new HashSet<>(claimed)).hasSize(taskIds.size());
	}

	@Test
	void doubleReviewAgreementIsFinal() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(2, "[\"abuse\",\"porn\"]");
		String taskId = submitTexts(tenant, 1).get(0);
		Api a = fx.reviewer(tenant.uid());
		Api b = fx.reviewer(tenant.uid());

		long id = Fixtures.claim(a);
		assertThat(Fixtures.decide(a, id, "{\"suggestion\":\"block\",\"labels\":[\"abuse\"]}")
			.json()
			.get("outcome")
			.asString()).isEqualTo("NEEDS_MORE");
		assertThat(a.post("/v1/review/claims", "").status()).as("the same reviewer never reviews twice").isEqualTo(204);
		assertThat(Fixtures.claim(b)).isEqualTo(id);
		assertThat(Fixtures.decide(b, id, "{\"suggestion\":\"block\",\"labels\":[\"porn\"]}")
			.json()
			.get("outcome")
			.asString()).isEqualTo("FINAL");

		JsonNode task = Await.audited(tenant.api(), taskId);
		assertThat(task.at("/auditResult/suggestion").asString()).isEqualTo("block");
		assertThat(task.at("/auditResult/reviews").asInt()).isEqualTo(2);
		Await.until(() -> jdbc.sql("select count(*) from event_publication where serialized_event like :t")
			.param("t", "%" + taskId + "%")
			.query(Long.class)
			.single(), n -> n == 0, "the completed publication to be deleted");
		assertThat(task.at("/auditResult/labels").toString()).contains("abuse").contains("porn");
	}

	@Test
	void doubleReviewDisagreementGoesToALead() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(2, "[\"abuse\"]");
		String taskId = submitTexts(tenant, 1).get(0);
		Api a = fx.reviewer(tenant.uid());
		Api b = fx.reviewer(tenant.uid());
		Api c = fx.reviewer(tenant.uid());
		Api lead = fx.lead(tenant.uid());

		long id = Fixtures.claim(a);
		Fixtures.decide(a, id, "{\"suggestion\":\"pass\"}");
		b.post("/v1/review/claims", "");
		assertThat(Fixtures.decide(b, id, "{\"suggestion\":\"block\",\"labels\":[\"abuse\"]}")
			.json()
			.get("outcome")
			.asString()).isEqualTo("ESCALATED");

		assertThat(c.post("/v1/review/claims", "").status()).as("escalated items are for leads").isEqualTo(204);
		JsonNode escalated = lead.post("/v1/review/claims", "").json();
		assertThat(escalated.get("id").asLong()).isEqualTo(id);
		assertThat(escalated.get("escalated").asBoolean()).isTrue();
		assertThat(Fixtures.decide(lead, id, "{\"suggestion\":\"block\",\"labels\":[\"abuse\"],\"note\":\"insult\"}")
			.json()
			.get("outcome")
			.asString()).isEqualTo("FINAL");

		JsonNode task = Await.audited(tenant.api(), taskId);
		assertThat(task.at("/auditResult/suggestion").asString()).isEqualTo("block");
		assertThat(task.at("/auditResult/note").asString()).isEqualTo("insult");
		assertThat(task.at("/auditResult/reviews").asInt()).isEqualTo(3);
	}

	@Test
	void badDecisionsChangeNothing() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\"]");
		submitTexts(tenant, 1);
		Api a = fx.reviewer(tenant.uid());
		Api b = fx.reviewer(tenant.uid());
		long id = Fixtures.claim(a);

		assertThat(Fixtures.decide(b, id, "{\"suggestion\":\"pass\"}").status()).isEqualTo(409);
		Api.Response badLabel = Fixtures.decide(a, id, "{\"suggestion\":\"block\",\"labels\":[\"porn\"]}");
		assertThat(badLabel.status()).isEqualTo(400);
		assertThat(Fixtures.decide(a, id, "{\"suggestion\":\"maybe\"}").status()).isEqualTo(400);
		assertThat(a.post("/v1/review/items/999999999/decision", "{\"suggestion\":\"pass\"}").status()).isEqualTo(404);
		assertThat(Fixtures.decide(a, id, "{\"suggestion\":\"pass\"}").status()).isEqualTo(200);
		Api.Response twice = Fixtures.decide(a, id, "{\"suggestion\":\"block\",\"labels\":[\"abuse\"]}");
		assertThat(twice.status()).isEqualTo(409);
	}

	@Test
	void everyStepIsInTheAppendOnlyLogForOperatorsAndLeads() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\"]");
		submitTexts(tenant, 1);
		Api reviewer = fx.reviewer(tenant.uid());
		long id = Fixtures.claim(reviewer);
		reviewer.post("/v1/review/claims", "");
		Fixtures.decide(reviewer, id, "{\"suggestion\":\"block\",\"labels\":[\"abuse\"]}");

		JsonNode log = Api.operator(port).get("/v1/review/items/" + id + "/events").json();
		List<String> types = new ArrayList<>();
		log.forEach(e -> types.add(e.get("type").asString()));
		assertThat(types).containsExactly("SUBMITTED", "CLAIMED", "LEASE_EXTENDED", "DECIDED", "FINALIZED");
		assertThat(log.get(3).at("/payload/labels/0").asString()).isEqualTo("abuse");
		assertThat(fx.lead(tenant.uid()).get("/v1/review/items/" + id + "/events").status()).isEqualTo(200);
		assertThat(fx.lead(new Fixtures(port).tenant().uid()).get("/v1/review/items/" + id + "/events").status())
			.as("a lead of another tenant")
			.isEqualTo(404);
		assertThat(reviewer.get("/v1/review/items/" + id + "/events").status()).isEqualTo(403);
		assertThat(tenant.api().get("/v1/review/items/" + id + "/events").status()).isEqualTo(403);
	}

	@Test
	void operatorsSeeQueueDepthAndOverdueItemsPerTenant() {
		clock.freezeAt(Instant.parse("2026-11-24T12:00:00Z"));
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\"]");
		submitTexts(tenant, 3);
		fx.reviewer(tenant.uid()).post("/v1/review/claims", "");
		clock.advance(Duration.ofMinutes(31)); // the fixture's text SLA is 30 minutes

		JsonNode queue = Api.operator(port).get("/v1/admin/review/queue").json();
		JsonNode mine = null;
		for (JsonNode row : queue) {
			if (row.get("tenantUid").asLong() == tenant.uid()) {
				mine = row;
			}
		}
		assertThat(mine).isNotNull();
		assertThat(mine.get("pending").asLong()).isEqualTo(3);
		assertThat(mine.get("overdue").asLong()).isEqualTo(3);
		assertThat(mine.get("claimed").asLong()).as("the 5-minute lease ran out").isZero();
		assertThat(tenant.api().get("/v1/admin/review/queue").status()).isEqualTo(403);
	}

	@Test
	void releaseGivesTheItemBack() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\"]");
		submitTexts(tenant, 1);
		Api a = fx.reviewer(tenant.uid());
		Api b = fx.reviewer(tenant.uid());
		long id = Fixtures.claim(a);

		assertThat(b.post("/v1/review/items/" + id + "/release", "").status()).isEqualTo(409);
		assertThat(a.post("/v1/review/items/" + id + "/release", "").status()).isEqualTo(204);
		assertThat(Fixtures.claim(b)).isEqualTo(id);
	}

	@Test
	void reviewersOnlySeeTheirTenantsAndTenantsCannotReview() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey mine = fx.manualTenant(1, "[\"abuse\"]");
		Fixtures.TenantKey other = fx.manualTenant(1, "[\"abuse\"]");
		submitTexts(other, 1);
		Api reviewer = fx.reviewer(mine.uid());

		assertThat(reviewer.post("/v1/review/claims", "").status()).isEqualTo(204);
		assertThat(mine.api().post("/v1/review/claims", "").status()).isEqualTo(403);
		Set<Long> seen = new HashSet<>();
		JsonNode item = fx.reviewer(other.uid()).post("/v1/review/claims", "").json();
		seen.add(item.get("id").asLong());
		assertThat(Fixtures.decide(reviewer, item.get("id").asLong(), "{\"suggestion\":\"pass\"}").status())
			.isEqualTo(404);
		assertThat(item.get("criteria").asString()).isEqualTo("No insults.");
		assertThat(item.at("/content/text").asString()).startsWith("text number");
	}

}
