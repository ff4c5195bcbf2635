package dev.vetter.callbacks;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vetter.support.Api;
import dev.vetter.support.IntegrationTest;
import dev.vetter.tenancy.TenantDirectory;

/**
 * Deliveries per second to a local receiver and delay from enqueue (commit) to arrival,
 * with the background worker at its default settings. Run:
 * {@code bench/callbacks/run.sh}. Prints a table.
 */
@Tag("bench")
@IntegrationTest
@TestPropertySource(
		properties = { "vetter.security.allow-private-targets=true", "vetter.callbacks.worker.enabled=true" })
@DirtiesContext
class CallbacksBenchmark {

	@Autowired
	Callbacks callbacks;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	TenantDirectory tenants;

	@Autowired
	JdbcClient jdbc;

	private final List<String> rows = new ArrayList<>();

	private long tenantId;

	private static final String CONTENT = """
			{"code":200,"msg":"OK","dataId":"vid-%d","taskId":"vi%d","results":[{"scene":"porn","suggestion":"pass","label":"normal","rate":99.9}]}""";

	@Test
	void run() throws Exception {
		jdbc.sql("delete from callback_deliveries").update();
		tenantId = tenants.tenantByUid(Api.TENANT_UID).id();
		warmUp();
		steady(600, Duration.ofSeconds(15));
		burst(10_000);
		outage(5_000);
		System.out.println();
		System.out.println("| scenario | deliveries | deliveries/s | delay p50 | delay p99 | delay max |");
		System.out.println("|---|---|---|---|---|---|");
		rows.forEach(System.out::println);
		System.out.println();
	}

	private void warmUp() {
		try (Receiver receiver = new Receiver()) {
			Map<String, Long> enqueued = new ConcurrentHashMap<>();
			enqueueBatch(receiver, 0, 2000, 100, enqueued);
			awaitAll(receiver, enqueued, Duration.ofMinutes(2));
		}
	}

	/**
	 * One delivery per transaction at a fixed rate, as producers finishing tasks would.
	 */
	private void steady(int perSecond, Duration length) throws Exception {
		try (Receiver receiver = new Receiver()) {
			Map<String, Long> enqueued = new ConcurrentHashMap<>();
			int total = (int) (perSecond * length.toSeconds());
			CallbackTarget target = target(receiver);
			ExecutorService producers = Executors.newFixedThreadPool(2);
			long start = System.nanoTime();
			long intervalNanos = 1_000_000_000L / perSecond;
			for (int i = 0; i < total; i++) {
				long due = start + i * intervalNanos;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				int n = 100_000 + i;
				producers.execute(() -> {
					DeliveryId id = tx
						.execute(s -> callbacks.enqueue(tenantId,
								CallbackEvent.machineScan("vi" + n, "pass", CONTENT.formatted(n, n)).to(target)))
						.orElseThrow();
					enqueued.put(id.toString(), System.nanoTime());
				});
			}
			producers.shutdown();
			producers.awaitTermination(1, TimeUnit.MINUTES);
			awaitAll(receiver, enqueued, Duration.ofMinutes(2));
			report("steady " + perSecond + "/s offered, 1 per transaction", receiver, enqueued, start);
		}
	}

	/**
	 * Many deliveries at once (100 per transaction): how fast the worker drains a queue.
	 */
	private void burst(int total) {
		try (Receiver receiver = new Receiver()) {
			Map<String, Long> enqueued = new ConcurrentHashMap<>();
			long start = System.nanoTime();
			enqueueBatch(receiver, 200_000, total, 100, enqueued);
			awaitAll(receiver, enqueued, Duration.ofMinutes(5));
			report("burst of " + total + " (100 per transaction)", receiver, enqueued, start);
		}
	}

	/** The receiver is down while deliveries queue up and fail; then it comes back. */
	private void outage(int total) {
		Receiver first = new Receiver();
		int port = first.port();
		CallbackTarget target = target(first);
		first.close();
		Map<String, Long> enqueued = new ConcurrentHashMap<>();
		enqueueBatch(target, 300_000, total, 100, enqueued);
		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> jdbc.sql("select count(*) from callback_deliveries where status = 'PENDING' and attempts = 0")
				.query(Long.class)
				.single() == 0);
		long failedAttempts = jdbc.sql("select count(*) from callback_attempts where outcome <> 'DELIVERED'")
			.query(Long.class)
			.single();
		try (Receiver receiver = new Receiver(port)) {
			long back = System.nanoTime();
			awaitAll(receiver, enqueued, Duration.ofMinutes(5));
			long lastArrival = receiver.arrivals().values().stream().mapToLong(Long::longValue).max().orElseThrow();
			double seconds = (lastArrival - back) / 1e9;
			rows.add(
					"| after an outage: %d queued, %d failed attempts, receiver back | %d | %.0f | (drained in %.2f s) | | |"
						.formatted(total, failedAttempts, total, total / seconds, seconds));
		}
	}

	private CallbackTarget target(Receiver receiver) {
		return callbacks.callbackTarget(receiver.url("/cb"), "bench_seed", null).orElseThrow();
	}

	private void enqueueBatch(Receiver receiver, int offset, int total, int perTx, Map<String, Long> enqueued) {
		enqueueBatch(target(receiver), offset, total, perTx, enqueued);
	}

	private void enqueueBatch(CallbackTarget target, int offset, int total, int perTx, Map<String, Long> enqueued) {
		for (int i = 0; i < total; i += perTx) {
			int from = i;
			List<DeliveryId> ids = tx.execute(s -> {
				List<DeliveryId> batch = new ArrayList<>();
				for (int j = from; j < Math.min(total, from + perTx); j++) {
					int n = offset + j;
					batch.add(callbacks
						.enqueue(tenantId,
								CallbackEvent.machineScan("vi" + n, "pass", CONTENT.formatted(n, n)).to(target))
						.orElseThrow());
				}
				return batch;
			});
			long now = System.nanoTime();
			ids.forEach(id -> enqueued.put(id.toString(), now));
		}
	}

	private static void awaitAll(Receiver receiver, Map<String, Long> enqueued, Duration atMost) {
		await().atMost(atMost)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> receiver.arrivals().keySet().containsAll(enqueued.keySet()));
	}

	private void report(String scenario, Receiver receiver, Map<String, Long> enqueued, long start) {
		long[] delays = enqueued.entrySet()
			.stream()
			.mapToLong(e -> receiver.arrivals().get(e.getKey()) - e.getValue())
			.sorted()
			.toArray();
		long lastArrival = enqueued.keySet().stream().mapToLong(id -> receiver.arrivals().get(id)).max().orElseThrow();
		double seconds = (lastArrival - start) / 1e9;
		rows.add("| %s | %d | %.0f | %.0f ms | %.0f ms | %.0f ms |".formatted(scenario, delays.length,
				delays.length / seconds, percentile(delays, 0.50), percentile(delays, 0.99),
				delays[delays.length - 1] / 1e6));
	}

	private static double percentile(long[] sorted, double p) {
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, index)] / 1e6;
	}

}
