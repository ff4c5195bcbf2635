package dev.vetter.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vetter.callbacks.internal.DeliveryWorker;
import dev.vetter.support.Api;
import dev.vetter.support.IntegrationTest;
import dev.vetter.tenancy.TenantDirectory;

/**
 * The worker as it runs in production: in the background, woken by enqueues. Closed after
 * the class.
 */
@IntegrationTest
@TestPropertySource(properties = { "vetter.security.allow-private-targets=true", "vetter.callbacks.worker.enabled=true",
		"vetter.callbacks.worker.poll-interval=10s" })
@DirtiesContext
class BackgroundWorkerTest {

	@Autowired
	Callbacks callbacks;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	TenantDirectory tenants;

	@Autowired
	DeliveryWorker worker;

	@RegisterExtension
	final Receiver receiver = new Receiver();

	@Test
	void anEnqueueWakesTheWorkerWithoutWaitingForThePollInterval() {
		long tenantId = tenants.tenantByUid(Api.TENANT_UID).id();
		CallbackTarget target = callbacks.callbackTarget(receiver.url("/cb"), "seed", "SM3").orElseThrow();
		receiver.verifyWith(Api.TENANT_UID, "seed", CryptType.SM3);
		DeliveryId id = tx
			.execute(s -> callbacks.enqueue(tenantId, CallbackEvent.review("t1", "block", "{}").to(target)))
			.orElseThrow();
		await().atMost(Duration.ofSeconds(5)).until(() -> receiver.arrivals().containsKey(id.toString()));
		assertThat(receiver.badChecksums()).isZero();
		// the per-host counter goes with the last send in flight: no entry per host
		// forever
		await().atMost(Duration.ofSeconds(5)).until(() -> worker.hostsInFlight() == 0);
	}

}
