package dev.vetter.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.vetter.support.IntegrationTest;
import dev.vetter.tenancy.Caller;
import dev.vetter.tenancy.Role;
import dev.vetter.tenancy.TenantDirectory;

/**
 * Claim + decide throughput and claim latency with a large queue and many concurrent
 * reviewers, on the embedded PostgreSQL, through {@link ReviewWorkflow} (the code behind
 * {@code POST /v1/review/claims} and {@code .../decision}). Checks and prints double
 * assignments. Not part of the normal test run:
 *
 * <pre>
 * mvn -B test -Dsurefire.excludedGroups= -Dgroups=bench -Dtest=ReviewQueueBenchmark \
 *     -Dbench.items=1000000 -Dbench.reviewers=50 -Dbench.seconds=30 [-Dbench.rate=500]
 * </pre> Without {@code bench.rate} every reviewer claims again the moment it decided
 * (closed loop: the maximum throughput, latency inflated by queueing); with it, the
 * reviewers together offer that many decisions per second and claim latency is counted
 * from each scheduled start.
 */
@Tag("bench")
@IntegrationTest
@TestPropertySource(properties = { "spring.datasource.hikari.maximum-pool-size=60",
		"spring.datasource.hikari.connection-timeout=30000", "logging.level.root=warn" })
class ReviewQueueBenchmark {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ReviewWorkflow workflow;

	@Autowired
	TenantDirectory directory;

	@Test
	void claimAndDecideUnderLoad() throws Exception {
		int items = Integer.getInteger("bench.items", 1_000_000);
		int reviewers = Integer.getInteger("bench.reviewers", 50);
		int seconds = Integer.getInteger("bench.seconds", 30);
		int warmup = Integer.getInteger("bench.warmup", 10);
		// 0: closed loop (every reviewer claims again at once: maximum throughput);
		// otherwise the total
		// decisions/s offered, spread evenly over the reviewers, latency counted from the
		// scheduled start
		double rate = Double.parseDouble(System.getProperty("bench.rate", "0"));

		long tenantId = directory.createTenant(null, "bench").tenant().id();
		long started = System.nanoTime();
		jdbc.sql(
				"""
						insert into review_items (tenant_id, task_id, kind, content, criteria, allowed_labels, priority, deadline,
						  required_reviews, status, created_at)
						select :t, 'bench' || g, 'text', '{"text":"benchmark item"}'::jsonb, '', array['abuse'], g % 3,
						  now() + (g % 100000) * interval '1 second', 1, 'PENDING', now()
						from generate_series(1, :n) g
						""")
			.param("t", tenantId)
			.param("n", items)
			.update();
		jdbc.sql("analyze review_items").update();
		long loadMs = (System.nanoTime() - started) / 1_000_000;

		List<Caller> callers = new ArrayList<>();
		for (int i = 0; i < reviewers; i++) {
			String name = "bench-reviewer-" + i + "-" + System.nanoTime();
			long id = directory.createUser(name, "bench-password", EnumSet.of(Role.REVIEWER), Set.of(), true);
			callers.add(new Caller(null, name, Set.of(Role.REVIEWER), id));
		}

		Map<Long, Integer> claimedBy = new ConcurrentHashMap<>();
		AtomicLong doubles = new AtomicLong();
		run(callers, warmup, rate, claimedBy, doubles, null);
		long[][] latencies = new long[reviewers][];
		int[] counts = new int[reviewers];
		long t0 = System.nanoTime();
		run(callers, seconds, rate, claimedBy, doubles, (i, arr, n) -> {
			latencies[i] = arr;
			counts[i] = n;
		});
		double elapsed = (System.nanoTime() - t0) / 1e9;

		long decisions = Arrays.stream(counts).sum();
		long[] all = new long[(int) decisions];
		int p = 0;
		for (int i = 0; i < reviewers; i++) {
			System.arraycopy(latencies[i], 0, all, p, counts[i]);
			p += counts[i];
		}
		Arrays.sort(all);
		long dbDoubles = jdbc
			.sql("select count(*) from (select item_id from review_decisions group by item_id having count(*) > 1) d")
			.query(Long.class)
			.single();

		System.out.printf("%n== Review queue benchmark (embedded PostgreSQL, %d cores) ==%n",
				Runtime.getRuntime().availableProcessors());
		System.out.printf(
				"| pending items | reviewers | load | seconds | decisions/s | claim p50 ms | claim p99 ms | double assignments |%n");
		System.out.printf("|---|---|---|---|---|---|---|---|%n");
		System.out.printf("| %,d | %d | %s | %.1f | %.0f | %.2f | %.2f | %d |%n", items, reviewers,
				rate > 0 ? String.format("paced %.0f/s", rate) : "closed loop", elapsed, decisions / elapsed,
				pct(all, 0.50), pct(all, 0.99), doubles.get() + dbDoubles);
		System.out.printf("(queue loaded in %d ms; warm-up %d s not counted)%n%n", loadMs, warmup);

		assertThat(doubles.get()).isZero();
		assertThat(dbDoubles).isZero();
	}

	interface Sink {

		void accept(int reviewer, long[] claimNanos, int count);

	}

	private void run(List<Caller> callers, int seconds, double rate, Map<Long, Integer> claimedBy, AtomicLong doubles,
			Sink sink) throws InterruptedException {
		long period = rate > 0 ? (long) (callers.size() * 1e9 / rate) : 0;
		long begin = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(callers.size());
		CountDownLatch done = new CountDownLatch(callers.size());
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		for (int i = 0; i < callers.size(); i++) {
			int index = i;
			Caller caller = callers.get(i);
			pool.execute(() -> {
				long[] lat = new long[1 << 16];
				int n = 0;
				long next = begin + (period * index) / callers.size();
				try {
					while (System.nanoTime() < end) {
						long a = System.nanoTime();
						if (period > 0) {
							if (next > a) {
								java.util.concurrent.locks.LockSupport.parkNanos(next - a);
							}
							a = next; // latency from the scheduled start: no coordinated
										// omission
							next += period;
						}
						var item = workflow.claim(caller);
						long b = System.nanoTime();
						if (item.isEmpty()) {
							break;
						}
						if (claimedBy.putIfAbsent(item.get().id(), index) != null) {
							doubles.incrementAndGet();
						}
						workflow.decide(caller, item.get().id(), new Verdict("pass", List.of(), null));
						if (n == lat.length) {
							lat = Arrays.copyOf(lat, n * 2);
						}
						lat[n++] = b - a;
					}
				}
				finally {
					if (sink != null) {
						sink.accept(index, lat, n);
					}
					done.countDown();
				}
			});
		}
		done.await();
		pool.shutdown();
	}

	private static double pct(long[] sorted, double q) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
	}

}
