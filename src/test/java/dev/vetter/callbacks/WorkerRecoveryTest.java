package dev.vetter.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vetter.callbacks.internal.CallbackMetrics;
import dev.vetter.callbacks.internal.CallbackSender;
import dev.vetter.callbacks.internal.CallbacksProperties;
import dev.vetter.callbacks.internal.Deliveries;
import dev.vetter.callbacks.internal.DeliveryWorker;
import dev.vetter.callbacks.internal.Notifications;
import dev.vetter.support.Api;
import dev.vetter.support.MutableClock;
import dev.vetter.tenancy.Tenant;
import dev.vetter.tenancy.TenantDirectory;

/** Several workers on one database, dead workers, and tenants' walls. */
@CallbacksIntegrationTest
class WorkerRecoveryTest {

	@LocalServerPort
	int port;

	@Autowired
	Callbacks callbacks;

	@Autowired
	DeliveryWorker worker;

	@Autowired
	Deliveries deliveries;

	@Autowired
	Notifications notifications;

	@Autowired
	TenantDirectory tenants;

	@Autowired
	CallbackSender sender;

	@Autowired
	CallbackMetrics metrics;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	Clock clock;

	@Autowired
	MutableClock mutableClock;

	@Autowired
	CallbacksProperties properties;

	@Autowired
	JdbcClient jdbc;

	Receiver receiver;

	long tenantId;

	@BeforeEach
	void setUp() {
		jdbc.sql("delete from callback_deliveries").update();
		receiver = new Receiver();
		tenantId = tenants.tenantByUid(Api.TENANT_UID).id();
	}

	@AfterEach
	void tearDown() {
		receiver.close();
		mutableClock.reset();
	}

	DeliveryWorker anotherWorker() {
		return new DeliveryWorker(deliveries, notifications, tenants, sender, metrics, tx, clock, properties);
	}

	List<DeliveryId> enqueue(int n, long tenant) {
		CallbackTarget target = callbacks.callbackTarget(receiver.url("/cb"), "seed", null).orElseThrow();
		return tx.execute(s -> {
			List<DeliveryId> ids = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				ids.add(callbacks
					.enqueue(tenant, CallbackEvent.machineScan("task-" + i, "pass", "{\"n\":" + i + "}").to(target))
					.orElseThrow());
			}
			return ids;
		});
	}

	@Test
	void twoWorkersRacingOnOneDatabaseNeverSendTheSameDelivery() throws Exception {
		List<DeliveryId> ids = enqueue(300, tenantId);
		receiver.script(Receiver.Behaviour.slow(20), Receiver.Behaviour.slow(20), Receiver.Behaviour.slow(20));
		DeliveryWorker a = anotherWorker();
		DeliveryWorker b = anotherWorker();
		ExecutorService racers = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Integer>> passes = List.of(a::deliverDue, b::deliverDue, a::deliverDue, b::deliverDue);
			int attempts = 0;
			for (Future<Integer> f : racers.invokeAll(passes)) {
				attempts += f.get();
			}
			assertThat(attempts).isEqualTo(300);
		}
		finally {
			racers.shutdownNow();
			a.close();
			b.close();
		}
		assertThat(receiver.received()).hasSize(300);
		assertThat(receiver.received().stream().map(Receiver.Received::deliveryId).collect(Collectors.toSet()))
			.isEqualTo(ids.stream().map(DeliveryId::toString).collect(Collectors.toSet()));
		assertThat(receiver.overlaps()).isZero();
		assertThat(jdbc.sql("select count(*) from callback_deliveries where status = 'DELIVERED'")
			.query(Long.class)
			.single()).isEqualTo(300);
	}

	@Test
	void rowsOfAWorkerThatDiedComeBackWhenItsLeaseEnds() {
		List<DeliveryId> ids = enqueue(5, tenantId);
		// a worker claims the rows and dies (kill -9) before sending or reporting
		// anything
		List<Deliveries.Claimed> taken = tx.execute(s -> deliveries.claim(clock.instant(), clock.instant(), 10, 8,
				Set.of(), List.of(), List.of(), properties.worker().lease(), "dead-worker"));
		assertThat(taken).hasSize(5);

		assertThat(worker.deliverDue()).as("still leased to the dead worker").isZero();
		mutableClock.shift(properties.worker().lease().plusSeconds(1));
		assertThat(worker.deliverDue()).isEqualTo(5);

		assertThat(receiver.received()).hasSize(5);
		Delivery d = callbacks(ids.get(0));
		assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
		assertThat(d.history()).extracting(Delivery.Attempt::outcome).containsExactly("ABANDONED", "DELIVERED");
		assertThat(receiver.received()).extracting(Receiver.Received::attempt).containsOnly(2);
	}

	@Test
	void aZombieWorkerCannotOverwriteTheOutcomeOfTheWorkerThatTookOver() {
		DeliveryId id = enqueue(1, tenantId).get(0);
		List<Deliveries.Claimed> zombie = tx.execute(s -> deliveries.claim(clock.instant(), clock.instant(), 10, 8,
				Set.of(), List.of(), List.of(), properties.worker().lease(), "zombie"));
		mutableClock.shift(properties.worker().lease().plusSeconds(1));
		assertThat(worker.deliverDue()).isEqualTo(1);

		// the zombie wakes up and reports a failure for its stale claim
		Deliveries.Completion stale = new Deliveries.Completion(zombie.get(0), clock.instant(), 5, 500, "FAILED",
				"late", receiver.url("/cb"), "zombie", DeliveryStatus.PENDING, clock.instant(), null);
		tx.executeWithoutResult(s -> deliveries.complete(List.of(stale)));
		assertThat(callbacks(id).status()).isEqualTo(DeliveryStatus.DELIVERED);
	}

	@Test
	void aDeliveryBeingSentCannotBeResentConcurrently() {
		DeliveryId id = enqueue(1, tenantId).get(0);
		tx.execute(s -> deliveries.claim(clock.instant(), clock.instant(), 10, 8, Set.of(), List.of(), List.of(),
				properties.worker().lease(), "busy"));
		Api.Response r = Api.tenant(port).post("/v1/deliveries/" + id + "/resend", "");
		assertThat(r.status()).isEqualTo(409);
		assertThat(r.json().path("code").asString()).isEqualTo("conflict");
	}

	@Test
	void tenantsSeeOnlyTheirOwnDeliveries() {
		Tenant other = tenantDirectory.createTenant(null, "Other").tenant();
		DeliveryId theirs = enqueue(1, other.id()).get(0);
		DeliveryId ours = enqueue(1, tenantId).get(0);
		Api api = Api.tenant(port);
		assertThat(api.get("/v1/deliveries").json().valueStream().map(d -> d.path("id").asString()))
			.containsExactly(ours.toString());
		assertThat(api.get("/v1/deliveries/" + theirs).status()).isEqualTo(404);
		assertThat(api.post("/v1/deliveries/" + theirs + "/resend", "").status()).isEqualTo(404);
		assertThat(api.get("/v1/deliveries?taskId=task-0").json().size()).isEqualTo(1);
		assertThat(Api.operator(port).get("/v1/deliveries").status()).as("operators act for no tenant").isEqualTo(403);
	}

	@Autowired
	TenantDirectory tenantDirectory;

	Delivery callbacks(DeliveryId id) {
		return admin.delivery(tenantId, id.toString());
	}

	@Autowired
	CallbackAdministration admin;

}
