package dev.vetter.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vetter.callbacks.Receiver.Behaviour;
import dev.vetter.callbacks.internal.DeliveryWorker;
import dev.vetter.platform.InvalidInput;
import dev.vetter.support.Api;
import dev.vetter.support.MutableClock;
import dev.vetter.tenancy.TenantDirectory;

import tools.jackson.databind.JsonNode;

@CallbacksIntegrationTest
class CallbackDeliveryTest {

	static final String RESULT = """
			{"code":200,"msg":"OK","dataId":"vid-0001","taskId":"vi4Vb2","results":[{"scene":"porn","suggestion":"block","label":"porn","rate":99.9}]}""";

	@LocalServerPort
	int port;

	@Autowired
	Callbacks callbacks;

	@Autowired
	DeliveryWorker worker;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	MutableClock clock;

	@Autowired
	TenantDirectory tenants;

	@Autowired
	JdbcClient jdbc;

	Receiver receiver;

	Api api;

	long tenantId;

	@BeforeEach
	void setUp() {
		jdbc.sql("delete from callback_deliveries").update();
		jdbc.sql("delete from notification_settings").update();
		receiver = new Receiver();
		api = Api.tenant(port);
		tenantId = tenants.tenantByUid(Api.TENANT_UID).id();
	}

	@AfterEach
	void tearDown() {
		receiver.close();
		clock.reset();
	}

	String configure(String body) {
		Api.Response r = api.put("/v1/notifications", body);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r.json().path("seed").asString();
	}

	Optional<DeliveryId> enqueue(CallbackEvent event) {
		return tx.execute(s -> callbacks.enqueue(tenantId, event));
	}

	JsonNode delivery(DeliveryId id) {
		Api.Response r = api.get("/v1/deliveries/" + id);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r.json();
	}

	@Test
	void deliversOneSignedFormPerTaskToTheTenantsReceiver() {
		String seed = configure("""
				{"url":"%s","cryptType":"SHA256","types":["machineScan","review"],"suggestions":["block","review"]}"""
			.formatted(receiver.url("/green/callback")));
		assertThat(seed).matches("[A-Za-z0-9_]{32}");
		receiver.verifyWith(Api.TENANT_UID, seed, CryptType.SHA256);

		DeliveryId id = enqueue(CallbackEvent.machineScan("vi4Vb2", "block", RESULT)).orElseThrow();
		DeliveryId second = enqueue(CallbackEvent.review("vi4Vb3", "review", "{\"taskId\":\"vi4Vb3\"}")).orElseThrow();
		assertThat(worker.deliverDue()).isEqualTo(2);

		assertThat(receiver.received()).hasSize(2);
		assertThat(receiver.badChecksums()).isZero();
		Receiver.Received got = receiver.received()
			.stream()
			.filter(r -> r.deliveryId().equals(id.toString()))
			.findFirst()
			.orElseThrow();
		assertThat(got.path()).isEqualTo("/green/callback");
		assertThat(got.contentType()).isEqualTo("application/x-www-form-urlencoded; charset=UTF-8");
		assertThat(got.content()).isEqualTo(RESULT);
		assertThat(got.checksum()).isEqualTo(Checksum.of(CryptType.SHA256, Api.TENANT_UID, seed, RESULT));
		assertThat(got.event()).isEqualTo("machineScan");
		assertThat(receiver.received()).extracting(Receiver.Received::event).contains("review");

		JsonNode view = delivery(id);
		assertThat(view.path("status").asString()).isEqualTo("delivered");
		assertThat(view.path("history").get(0).path("httpStatus").asInt()).isEqualTo(200);
		assertThat(delivery(second).path("event").asString()).isEqualTo("review");
		assertThat(worker.deliverDue()).isZero();
	}

	@Test
	void theTenantsFiltersSelectWhatIsSent() {
		configure("""
				{"url":"%s","cryptType":"SM3","types":["review"],"suggestions":["block"]}"""
			.formatted(receiver.url("/cb")));
		assertThat(enqueue(CallbackEvent.machineScan("t1", "block", "{}"))).isEmpty();
		assertThat(enqueue(CallbackEvent.review("t2", "pass", "{}"))).isEmpty();
		assertThat(enqueue(CallbackEvent.review("t3", "block", "{}"))).isPresent();
	}

	@Test
	void nothingIsSentWithoutSettingsOrCallback() {
		assertThat(enqueue(CallbackEvent.machineScan("t1", "block", "{}"))).isEmpty();
		assertThat(worker.deliverDue()).isZero();
	}

	@Test
	void aPerRequestCallbackOverridesTheTenantsSettings() {
		configure("""
				{"url":"%s","types":["machineScan"],"suggestions":["block"]}""".formatted(receiver.url("/tenant")));
		CallbackTarget target = callbacks.callbackTarget(receiver.url("/request"), "my_Seed_42", "SM3").orElseThrow();
		receiver.verifyWith(Api.TENANT_UID, "my_Seed_42", CryptType.SM3);

		enqueue(CallbackEvent.machineScan("t1", "pass", RESULT).to(target)).orElseThrow();
		worker.deliverDue();

		assertThat(receiver.received()).singleElement().satisfies(r -> {
			assertThat(r.path()).isEqualTo("/request");
			assertThat(r.checksum()).isEqualTo(Checksum.of(CryptType.SM3, Api.TENANT_UID, "my_Seed_42", RESULT));
		});
		assertThat(receiver.badChecksums()).isZero();
		// the delivery carries the checksum, never the seed; the task row that keeps a
		// request's seed until its verdict is signed is checked in SeedsAtRestTest
		assertThat(jdbc.sql("select row_to_json(d)::text from callback_deliveries d where task_id = 't1'")
			.query(String.class)
			.list()).singleElement().asString().doesNotContain("my_Seed_42").contains("\"checksum\":\"");
	}

	@Test
	void badCallbacksAreRefusedAtRequestTime() {
		assertThatThrownBy(() -> callbacks.callbackTarget("ftp://example.com/x", "seed", null))
			.isInstanceOf(InvalidInput.class)
			.hasMessageContaining("callback: URL must start with http");
		assertThatThrownBy(() -> callbacks.callbackTarget("http://169.254.169.254/", "seed", null))
			.isInstanceOf(InvalidInput.class)
			.hasMessageContaining("metadata");
		assertThatThrownBy(() -> callbacks.callbackTarget("https://example.com/cb", "bad seed!", null))
			.isInstanceOf(InvalidInput.class)
			.hasMessageContaining("seed must be 1-64 letters, digits or underscores");
		assertThatThrownBy(() -> callbacks.callbackTarget("https://example.com/cb", "x".repeat(65), null))
			.isInstanceOf(InvalidInput.class);
		assertThatThrownBy(() -> callbacks.callbackTarget("https://example.com/cb", null, null))
			.isInstanceOf(InvalidInput.class)
			.hasMessageContaining("seed is required");
		assertThatThrownBy(() -> callbacks.callbackTarget("https://example.com/cb", "s", "MD5"))
			.isInstanceOf(InvalidInput.class)
			.hasMessageContaining("SHA256 or SM3");
		assertThat(callbacks.callbackTarget(null, null, null)).isEmpty();
	}

	@Test
	void enqueueJoinsTheCallersTransactionAndNeverOpensItsOwn() {
		configure("{\"url\":\"%s\"}".formatted(receiver.url("/cb")));
		assertThatThrownBy(() -> callbacks.enqueue(tenantId, CallbackEvent.machineScan("t1", "block", "{}")))
			.isInstanceOf(IllegalTransactionStateException.class);

		tx.executeWithoutResult(s -> {
			callbacks.enqueue(tenantId, CallbackEvent.machineScan("t2", "block", "{}"));
			s.setRollbackOnly();
		});
		assertThat(worker.deliverDue()).as("a rolled-back result sends nothing").isZero();
	}

	@Test
	void retriesAFailingReceiverUntilItAnswers200() {
		String seed = configure("{\"url\":\"%s\"}".formatted(receiver.url("/cb")));
		receiver.verifyWith(Api.TENANT_UID, seed, CryptType.SHA256);
		receiver.script(Behaviour.status(500), Behaviour.status(204), Behaviour.hangingUp(), Behaviour.slow(800));
		DeliveryId id = enqueue(CallbackEvent.machineScan("t1", "block", RESULT)).orElseThrow();

		for (int attempt = 1; attempt <= 4; attempt++) {
			assertThat(worker.deliverDue()).as("attempt " + attempt).isEqualTo(1);
			assertThat(worker.deliverDue()).as("not due again before its backoff").isZero();
			JsonNode pending = delivery(id);
			assertThat(pending.path("status").asString()).isEqualTo("pending");
			clock.shift(Duration.ofSeconds(1L << attempt));
		}
		assertThat(worker.deliverDue()).isEqualTo(1);

		JsonNode view = delivery(id);
		assertThat(view.path("status").asString()).isEqualTo("delivered");
		assertThat(view.path("attempts").asInt()).isEqualTo(5);
		List<String> outcomes = view.path("history").valueStream().map(a -> a.path("outcome").asString()).toList();
		assertThat(outcomes).containsExactly("FAILED", "FAILED", "CONNECTION_FAILED", "TIMEOUT", "DELIVERED");
		assertThat(view.path("history").get(1).path("error").asString()).contains("only HTTP 200");
		assertThat(receiver.received()).hasSize(5)
			.extracting(Receiver.Received::deliveryId)
			.containsOnly(id.toString());
		assertThat(receiver.received()).extracting(Receiver.Received::attempt).containsExactly(1, 2, 3, 4, 5);
		assertThat(receiver.badChecksums()).isZero();
	}

	@Test
	void aPerRequestCallbackIsExhaustedAfterSixteenAttemptsAndCanBeResent() {
		CallbackTarget target = callbacks.callbackTarget(receiver.url("/cb"), "seed", null).orElseThrow();
		Behaviour[] failures = new Behaviour[16];
		java.util.Arrays.fill(failures, Behaviour.status(503));
		receiver.script(failures);
		DeliveryId id = enqueue(CallbackEvent.machineScan("t1", "block", RESULT).to(target)).orElseThrow();

		for (int i = 0; i < 16; i++) {
			assertThat(worker.deliverDue()).isEqualTo(1);
			clock.shift(Duration.ofMinutes(31));
		}
		assertThat(worker.deliverDue()).isZero();
		JsonNode exhausted = delivery(id);
		assertThat(exhausted.path("status").asString()).isEqualTo("exhausted");
		assertThat(exhausted.path("lastStatus").asInt()).isEqualTo(503);
		assertThat(exhausted.path("lastError").asString()).contains("out of attempts");
		assertThat(api.get("/v1/deliveries?status=exhausted").json().valueStream().map(d -> d.path("id").asString()))
			.containsExactly(id.toString());

		Api.Response resent = api.post("/v1/deliveries/" + id + "/resend", "");
		assertThat(resent.status()).as(resent.body()).isEqualTo(200);
		assertThat(resent.json().path("status").asString()).isEqualTo("pending");
		assertThat(worker.deliverDue()).isEqualTo(1);
		assertThat(delivery(id).path("status").asString()).isEqualTo("delivered");
		assertThat(receiver.received()).hasSize(17)
			.extracting(Receiver.Received::deliveryId)
			.containsOnly(id.toString());
	}

	@Test
	void tenantNotificationsAreRetriedForADay() {
		configure("{\"url\":\"%s\"}".formatted(receiver.url("/cb")));
		Behaviour[] failures = new Behaviour[200];
		java.util.Arrays.fill(failures, Behaviour.status(500));
		receiver.script(failures);
		DeliveryId id = enqueue(CallbackEvent.review("t1", "block", "{}")).orElseThrow();
		int attempts = 0;
		for (int i = 0; i < 100 && delivery(id).path("status").asString().equals("pending"); i++) {
			attempts += worker.deliverDue();
			clock.shift(Duration.ofMinutes(31));
		}
		assertThat(delivery(id).path("status").asString()).isEqualTo("exhausted");
		assertThat(attempts).isBetween(40, 70);
		assertThat(delivery(id).path("history")
			.valueStream()
			.map(a -> java.time.Instant.parse(a.path("startedAt").asString()))
			.max(java.util.Comparator.naturalOrder())
			.orElseThrow())
			.isBefore(java.time.Instant.parse(delivery(id).path("createdAt").asString()).plus(Duration.ofHours(24)));
	}

	@Test
	void aHostThatDoesNotResolveIsRetried() {
		// a name is accepted at request time and resolved at every send
		CallbackTarget target = callbacks.callbackTarget("http://no-such-host.invalid/cb", "seed", null).orElseThrow();
		DeliveryId id = enqueue(CallbackEvent.machineScan("t1", "block", "{}").to(target)).orElseThrow();
		worker.deliverDue();
		JsonNode view = delivery(id);
		assertThat(view.path("status").asString()).isEqualTo("pending");
		assertThat(view.path("lastError").asString()).contains("does not resolve");
	}

	@Test
	void aRotatedSeedSignsWaitingDeliveries() {
		configure("{\"url\":\"%s\"}".formatted(receiver.url("/cb")));
		enqueue(CallbackEvent.machineScan("t1", "block", RESULT));
		Api.Response rotated = api.post("/v1/notifications/seed", "");
		assertThat(rotated.status()).isEqualTo(200);
		String seed = rotated.json().path("seed").asString();
		receiver.verifyWith(Api.TENANT_UID, seed, CryptType.SHA256);
		worker.deliverDue();
		assertThat(receiver.received()).hasSize(1);
		assertThat(receiver.badChecksums()).isZero();
	}

	@Test
	void aChangedUrlRedirectsWaitingDeliveriesAndKeepsTheSeed() {
		String seed = configure("{\"url\":\"http://127.0.0.1:9/nowhere\"}");
		DeliveryId id = enqueue(CallbackEvent.machineScan("t1", "block", RESULT)).orElseThrow();
		Api.Response changed = api.put("/v1/notifications", "{\"url\":\"%s\"}".formatted(receiver.url("/cb")));
		assertThat(changed.json().get("seed").asString()).as("PUT answers with the kept seed").isEqualTo(seed);
		assertThat(api.get("/v1/notifications").json().has("seed")).as("GET never shows the seed").isFalse();
		receiver.verifyWith(Api.TENANT_UID, seed, CryptType.SHA256);
		worker.deliverDue();
		assertThat(delivery(id).path("status").asString()).isEqualTo("delivered");
		assertThat(receiver.badChecksums()).isZero();
	}

}
