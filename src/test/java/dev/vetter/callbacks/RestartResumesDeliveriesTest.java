package dev.vetter.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vetter.VetterApplication;
import dev.vetter.support.Await;
import dev.vetter.tenancy.TenantDirectory;

/**
 * Deliveries written before a stop are sent by the next process: a real second start of
 * the application on the same embedded database, the first one never having sent
 * anything.
 */
class RestartResumesDeliveriesTest {

	@Test
	void pendingDeliveriesAreSentAfterARestart() throws Exception {
		Path work = Files.createTempDirectory("vetter-restart-callbacks");
		try (Receiver receiver = new Receiver()) {
			String[] common = { "--server.port=0", "--vetter.embedded-db.data-dir=" + work.resolve("pgdata"),
					"--vetter.security.master-key-file=" + work.resolve("master.key"),
					"--vetter.bootstrap.tenant-uid=4242", "--vetter.bootstrap.access-key-id=LTAIrestart",
					"--vetter.bootstrap.access-key-secret=restart-secret",
					"--vetter.security.allow-private-targets=true", "--spring.main.banner-mode=off" };

			try (ConfigurableApplicationContext first = SpringApplication.run(VetterApplication.class,
					with(common, "--vetter.callbacks.worker.enabled=false"))) {
				long tenantId = first.getBean(TenantDirectory.class).tenantByUid(4242).id();
				Callbacks callbacks = first.getBean(Callbacks.class);
				CallbackTarget target = callbacks.callbackTarget(receiver.url("/cb"), "restart_seed", "SHA256")
					.orElseThrow();
				first.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
					for (int i = 0; i < 5; i++) {
						callbacks.enqueue(tenantId,
								CallbackEvent
									.review("txtRestart" + i, "block",
											"{\"code\":200,\"taskId\":\"txtRestart" + i + "\"}")
									.to(target));
					}
				});
			}
			assertThat(receiver.received()).isEmpty();

			receiver.verifyWith(4242, "restart_seed", CryptType.SHA256);
			try (ConfigurableApplicationContext second = SpringApplication.run(VetterApplication.class, with(common,
					"--vetter.callbacks.worker.enabled=true", "--vetter.callbacks.worker.poll-interval=100ms"))) {
				Await.until(receiver::received, received -> received.size() >= 5, "5 callbacks after the restart");
			}
			assertThat(receiver.received()).hasSize(5);
			assertThat(receiver.badChecksums()).isZero();
		}
	}

	private static String[] with(String[] common, String... more) {
		String[] all = java.util.Arrays.copyOf(common, common.length + more.length);
		System.arraycopy(more, 0, all, common.length, more.length);
		return all;
	}

}
