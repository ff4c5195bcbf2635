package dev.vetter.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.vetter.callbacks.internal.DeliveryPurge;
import dev.vetter.callbacks.internal.DeliveryWorker;
import dev.vetter.moderation.internal.TaskPurge;
import dev.vetter.support.Api;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;
import dev.vetter.support.MutableClock;

/**
 * Finished rows go when their retention ends (defaults: tasks 90 days, deliveries 30
 * days), younger ones stay; the review log refuses changes in the database itself.
 */
@CallbacksIntegrationTest
class RetentionTest {

	@LocalServerPort
	int port;

	@Autowired
	DeliveryWorker worker;

	@Autowired
	TaskPurge tasks;

	@Autowired
	DeliveryPurge deliveries;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	Receiver receiver;

	@BeforeEach
	void setUp() {
		receiver = new Receiver();
	}

	@AfterEach
	void tearDown() {
		receiver.close();
		clock.reset();
	}

	@Test
	void purgesFinishedTasksAndDeliveriesPastRetentionAndKeepsYoungOnes() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\"]");
		Api reviewer = fx.reviewer(tenant.uid());
		String old = reviewed(tenant, reviewer);
		// another tenant's task, so the reviewer's next claim is not this one
		String pending = submit(fx.manualTenant(1, "[\"abuse\"]"));
		clock.shift(Duration.ofDays(62));
		String young = reviewed(tenant, reviewer);
		clock.shift(Duration.ofDays(29));
		// now: "old" finished 91 days ago, "young" 29 days ago; "pending" is still under
		// review

		assertThat(tasks.purgeExpired()).isPositive();
		assertThat(deliveries.purgeExpired()).isPositive();

		assertThat(taskRows(old)).isZero();
		assertThat(taskRows(young)).isOne();
		assertThat(taskRows(pending)).as("under review: never purged").isOne();
		assertThat(tenant.api().get("/v1/tasks/" + old).status()).isEqualTo(404);
		assertThat(deliveryRows(old)).as("91 days > 30").isZero();
		assertThat(deliveryRows(young)).as("29 days < 30").isOne();
		assertThat(tasks.purgeExpired()).as("nothing left to purge").isZero();
	}

	@Test
	void theReviewLogRefusesUpdatesAndDeletes() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\"]");
		Api reviewer = fx.reviewer(tenant.uid());
		String taskId = reviewed(tenant, reviewer);
		long item = jdbc.sql("select id from review_items where task_id = :t")
			.param("t", taskId)
			.query(Long.class)
			.single();
		long events = jdbc.sql("select count(*) from review_events where item_id = :i")
			.param("i", item)
			.query(Long.class)
			.single();
		assertThat(events).isGreaterThan(1);

		assertThatThrownBy(
				() -> jdbc.sql("update review_events set type = 'FORGED' where item_id = :i").param("i", item).update())
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("delete from review_events where item_id = :i").param("i", item).update())
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("truncate review_events cascade").update())
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("append-only");
		assertThat(jdbc.sql("select count(*) from review_events where item_id = :i and type <> 'FORGED'")
			.param("i", item)
			.query(Long.class)
			.single()).isEqualTo(events);
	}

	/** A human-only task with a callback, decided and its verdict delivered. */
	String reviewed(Fixtures.TenantKey tenant, Api reviewer) {
		String taskId = submit(tenant);
		Fixtures.decide(reviewer, Fixtures.claim(reviewer), "{\"suggestion\":\"pass\"}");
		Await.audited(tenant.api(), taskId);
		Await.until(() -> {
			worker.deliverDue();
			return jdbc.sql("select count(*) from callback_deliveries where task_id = :t and status = 'DELIVERED'")
				.param("t", taskId)
				.query(Long.class)
				.single();
		}, n -> n == 1, "the verdict delivered");
		return taskId;
	}

	String submit(Fixtures.TenantKey tenant) {
		Api.Response r = tenant.api()
			.post("/v1/manual-reviews", "{\"callback\":\"" + receiver.url("/cb")
					+ "\",\"seed\":\"s\",\"kind\":\"text\",\"tasks\":[{\"dataId\":\"r1\",\"content\":\"hello\"}]}");
		assertThat(r.status()).as(r.body()).isEqualTo(202);
		return r.json().at("/tasks/0/taskId").asString();
	}

	long taskRows(String taskId) {
		return jdbc.sql("select count(*) from moderation_tasks where task_id = :t")
			.param("t", taskId)
			.query(Long.class)
			.single();
	}

	long deliveryRows(String taskId) {
		return jdbc.sql("select count(*) from callback_deliveries where task_id = :t")
			.param("t", taskId)
			.query(Long.class)
			.single();
	}

}
