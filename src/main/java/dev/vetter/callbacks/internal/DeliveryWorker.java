package dev.vetter.callbacks.internal;

import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vetter.callbacks.Checksum;
import dev.vetter.callbacks.CryptType;
import dev.vetter.callbacks.DeliveryStatus;
import dev.vetter.callbacks.RetryPolicy;
import dev.vetter.callbacks.internal.CallbackSender.Outcome;
import dev.vetter.callbacks.internal.CallbackSender.Result;
import dev.vetter.callbacks.internal.Deliveries.Claimed;
import dev.vetter.callbacks.internal.Deliveries.Completion;
import dev.vetter.callbacks.internal.Deliveries.Kind;
import dev.vetter.tenancy.TenantDirectory;

/**
 * Sends due callback deliveries. Any number of workers (threads, nodes) share the outbox:
 * rows are claimed with {@code FOR UPDATE SKIP LOCKED} under a lease, so no delivery is
 * sent by two workers at once, and a dead worker's rows come back when its lease ends.
 * Outcomes are written in batches.
 * <p>
 * Runs in the background when {@code vetter.callbacks.worker.enabled} (polling every
 * {@code poll-interval}, woken at once by enqueues on this node and by finished sends).
 * Tests switch that off and call {@link #deliverDue()}.
 * <p>
 * A slow receiver never blocks others: at most {@code per-host} deliveries per host:port
 * are in flight here, hosts at their limit are not claimed for, and every attempt has a
 * hard deadline. When a host that was failing answers 200 again, its waiting deliveries
 * become due at once, so a backlog drains at full speed instead of waiting out its
 * backoff.
 */
public class DeliveryWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	/**
	 * What a claimed row needs besides itself to be sent: the checksum, or why it cannot
	 * be signed.
	 */
	private record Job(Claimed claimed, String checksum, String unsendable) {
	}

	private final Deliveries deliveries;

	private final Notifications notifications;

	private final TenantDirectory tenants;

	private final CallbackSender sender;

	private final CallbackMetrics metrics;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final CallbacksProperties.Worker settings;

	private final RetryPolicy requestPolicy;

	private final RetryPolicy tenantPolicy;

	private final String workerId;

	private final ExecutorService pool;

	/** Sends in flight per host:port; a host's entry exists only while it has some. */
	private final Map<String, Integer> inFlightByHost = new ConcurrentHashMap<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final ConcurrentLinkedQueue<Completion> completed = new ConcurrentLinkedQueue<>();

	/**
	 * Hosts whose last attempt failed, so their waiting deliveries can be released when
	 * they answer again. Bounded in size and time: a host that never comes back is
	 * forgotten after the longest retry window, and at most {@code MAX_TRACKED_HOSTS} are
	 * remembered (a forgotten host's backlog just waits out its backoff).
	 */
	private final Cache<String, Boolean> failingHosts;

	private static final int MAX_TRACKED_HOSTS = 10_000;

	private final Object signal = new Object();

	private boolean signalled;

	private volatile boolean running;

	private Thread loop;

	public DeliveryWorker(Deliveries deliveries, Notifications notifications, TenantDirectory tenants,
			CallbackSender sender, CallbackMetrics metrics, TransactionTemplate tx, Clock clock,
			CallbacksProperties properties) {
		this.deliveries = deliveries;
		this.notifications = notifications;
		this.tenants = tenants;
		this.sender = sender;
		this.metrics = metrics;
		this.tx = tx;
		this.clock = clock;
		this.settings = properties.worker();
		this.requestPolicy = properties.retry().requestPolicy();
		this.tenantPolicy = properties.retry().tenantPolicy();
		if (settings.lease().compareTo(sender.attemptTimeout().multipliedBy(2)) < 0) {
			throw new IllegalArgumentException(
					"vetter.callbacks.worker.lease must be at least twice " + "vetter.callbacks.http.attempt-timeout");
		}
		this.failingHosts = Caffeine.newBuilder()
			.maximumSize(MAX_TRACKED_HOSTS)
			.expireAfterWrite(properties.retry().tenantMaxAge().isZero() ? Duration.ofHours(24)
					: properties.retry().tenantMaxAge())
			.build();
		this.workerId = ManagementFactory.getRuntimeMXBean().getName() + "/"
				+ UUID.randomUUID().toString().substring(0, 8);
		AtomicInteger n = new AtomicInteger();
		this.pool = Executors.newFixedThreadPool(settings.concurrency(), r -> {
			Thread t = new Thread(r, "callback-sender-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
	}

	public String workerId() {
		return workerId;
	}

	/** Hosts with sends in flight on this node (the per-host map holds no others). */
	public int hostsInFlight() {
		return inFlightByHost.size();
	}

	/**
	 * Attempts every delivery that is due now, once, and waits for the outcomes to be
	 * written. For tests and operations; the background loop does the same continuously.
	 * @return the number of attempts made
	 */
	public int deliverDue() {
		Instant dueBy = clock.instant();
		int total = 0;
		while (true) {
			List<Job> jobs = claim(dueBy, settings.batchSize(), Set.of(), Map.of());
			if (jobs.isEmpty()) {
				return total;
			}
			List<Future<Completion>> futures = jobs.stream().map(j -> pool.submit(() -> attempt(j))).toList();
			List<Completion> done = new ArrayList<>(futures.size());
			for (Future<Completion> f : futures) {
				try {
					done.add(f.get());
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(e);
				}
				catch (ExecutionException e) {
					throw new IllegalStateException(e.getCause());
				}
			}
			record(done);
			total += jobs.size();
		}
	}

	/** Wakes the background loop (an enqueue committed, or a send finished). */
	public void wake() {
		synchronized (signal) {
			signalled = true;
			signal.notifyAll();
		}
	}

	private List<Job> claim(Instant dueBy, int limit, Set<String> saturated, Map<String, Integer> freeByHost) {
		List<Claimed> claimed = tx.execute(status -> {
			List<Claimed> rows = deliveries.claim(dueBy, clock.instant(), limit, settings.perHost(), saturated,
					new ArrayList<>(freeByHost.keySet()), new ArrayList<>(freeByHost.values()), settings.lease(),
					workerId);
			deliveries.abandoned(rows, clock.instant());
			return rows;
		});
		if (claimed == null || claimed.isEmpty()) {
			return List.of();
		}
		Set<Long> tenantIds = claimed.stream()
			.filter(c -> c.kind() == Kind.TENANT)
			.map(Claimed::tenantId)
			.collect(Collectors.toSet());
		Map<Long, Notifications.Row> schemes = notifications.of(tenantIds);
		List<Job> jobs = new ArrayList<>(claimed.size());
		for (Claimed c : claimed) {
			if (c.kind() == Kind.REQUEST) {
				jobs.add(new Job(c, c.checksum(), null));
				continue;
			}
			Notifications.Row scheme = schemes.get(c.tenantId());
			if (scheme == null) {
				jobs.add(new Job(c, null, "the tenant's notification settings were removed"));
				continue;
			}
			long uid = tenants.tenant(c.tenantId()).uid();
			jobs.add(new Job(c, Checksum.of(scheme.cryptType(), uid, scheme.seed(), c.content()), null));
		}
		return jobs;
	}

	private Completion attempt(Job job) {
		Claimed c = job.claimed();
		Instant started = clock.instant();
		if (job.unsendable() != null) {
			return completion(c, started, 0, new Result(Outcome.REFUSED, 0, job.unsendable(), null, c.url()));
		}
		if (started.plus(sender.attemptTimeout()).isAfter(c.leaseUntil())) {
			// the lease would run out mid-send and another worker could take the row: do
			// not send
			return completion(c, started, 0,
					new Result(Outcome.TIMEOUT, 0, "not sent: the claim was held too long", null, c.url()));
		}
		byte[] body = ("checksum=" + job.checksum() + "&content="
				+ URLEncoder.encode(c.content(), StandardCharsets.UTF_8))
			.getBytes(StandardCharsets.US_ASCII);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Vetter-Delivery-Id", c.id().toString());
		headers.put("X-Vetter-Event", c.stream().wire());
		headers.put("X-Vetter-Attempt", Integer.toString(c.attempt()));
		long t0 = System.nanoTime();
		Result result;
		try {
			result = sender.post(c.url(), headers, body);
		}
		catch (RuntimeException e) {
			log.warn("Callback delivery {} failed unexpectedly", c.id(), e);
			result = new Result(Outcome.CONNECTION_FAILED, 0, "internal error while sending", null, c.url());
		}
		int latency = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - t0) / 1_000_000);
		return completion(c, started, latency, result);
	}

	private Completion completion(Claimed c, Instant started, int latencyMs, Result r) {
		Instant now = clock.instant();
		if (r.delivered()) {
			return new Completion(c, started, latencyMs, 200, Outcome.DELIVERED.name(), null, r.finalUrl(), workerId,
					DeliveryStatus.DELIVERED, null, now);
		}
		Integer status = r.status() == 0 ? null : r.status();
		if (r.outcome() == Outcome.REFUSED) {
			return new Completion(c, started, latencyMs, status, r.outcome().name(), r.error() + " (not retried)",
					r.finalUrl(), workerId, DeliveryStatus.EXHAUSTED, null, null);
		}
		RetryPolicy policy = c.kind() == Kind.REQUEST ? requestPolicy : tenantPolicy;
		Instant next = policy
			.next(c.roundAttempt(), c.roundStartedAt(), now, r.retryAfter(), ThreadLocalRandom.current())
			.orElse(null);
		String error = next == null ? r.error() + " (out of attempts)" : r.error();
		return new Completion(c, started, latencyMs, status, r.outcome().name(), error, r.finalUrl(), workerId,
				next == null ? DeliveryStatus.EXHAUSTED : DeliveryStatus.PENDING, next, null);
	}

	private void record(List<Completion> done) {
		if (done.isEmpty()) {
			return;
		}
		Set<String> recovered = new HashSet<>();
		for (Completion c : done) {
			String host = c.claimed().targetHost();
			if (c.status() == DeliveryStatus.DELIVERED) {
				if (failingHosts.asMap().remove(host) != null) {
					recovered.add(host);
				}
			}
			else if (!c.outcome().equals(Outcome.REFUSED.name())) {
				failingHosts.put(host, Boolean.TRUE);
			}
		}
		tx.executeWithoutResult(status -> {
			deliveries.complete(done);
			recovered.forEach(host -> {
				int released = deliveries.releaseHost(host, clock.instant());
				if (released > 0) {
					log.info("Callback receiver {} answers again; {} waiting deliveries are due now", host, released);
				}
			});
		});
		done.forEach(metrics::attempted);
	}

	// ---------------------------------------------------------------- background loop

	private void runLoop() {
		while (running) {
			try {
				List<Completion> done = drainCompleted();
				record(done);
				int free = settings.concurrency() - inFlight.get();
				int claimed = 0;
				if (free > 0) {
					claimed = dispatch(free);
				}
				if (claimed == 0 && done.isEmpty()) {
					await(settings.pollInterval());
				}
			}
			catch (RuntimeException e) {
				log.warn("Callback worker pass failed; retrying in {}", settings.pollInterval(), e);
				await(settings.pollInterval().multipliedBy(2));
			}
		}
	}

	private int dispatch(int free) {
		Set<String> saturated = new HashSet<>();
		Map<String, Integer> freeByHost = new HashMap<>();
		inFlightByHost.forEach((host, n) -> {
			int left = settings.perHost() - n;
			if (left <= 0) {
				saturated.add(host);
			}
			else if (left < settings.perHost()) {
				freeByHost.put(host, left);
			}
		});
		List<Job> jobs = claim(clock.instant(), Math.min(free, settings.batchSize()), saturated, freeByHost);
		for (Job job : jobs) {
			String host = job.claimed().targetHost();
			inFlight.incrementAndGet();
			inFlightByHost.merge(host, 1, Integer::sum);
			pool.execute(() -> {
				try {
					completed.add(attempt(job));
				}
				finally {
					// the entry goes when the host has nothing in flight: the map
					// holds only hosts being sent to, never every host ever seen
					inFlightByHost.computeIfPresent(host, (h, n) -> n <= 1 ? null : n - 1);
					inFlight.decrementAndGet();
					wake();
				}
			});
		}
		return jobs.size();
	}

	private List<Completion> drainCompleted() {
		List<Completion> done = new ArrayList<>();
		for (Completion c = completed.poll(); c != null; c = completed.poll()) {
			done.add(c);
		}
		return done;
	}

	private void await(Duration timeout) {
		synchronized (signal) {
			if (!signalled && running) {
				try {
					signal.wait(Math.max(1, timeout.toMillis()));
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					running = false;
				}
			}
			signalled = false;
		}
	}

	@Override
	public void start() {
		if (!settings.enabled() || running) {
			return;
		}
		running = true;
		loop = new Thread(this::runLoop, "callback-worker");
		loop.setDaemon(true);
		loop.start();
		log.info("Callback worker {} started: {} in flight at most, {} per host", workerId, settings.concurrency(),
				settings.perHost());
	}

	@Override
	public void stop() {
		running = false;
		wake();
		if (loop != null) {
			try {
				loop.join(Duration.ofSeconds(5).toMillis());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			loop = null;
		}
		// outcomes of sends that finished while stopping; unfinished ones come back when
		// their lease ends
		pool.shutdown();
		try {
			pool.awaitTermination(sender.attemptTimeout().toMillis() + 1000,
					java.util.concurrent.TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		try {
			record(drainCompleted());
		}
		catch (RuntimeException e) {
			log.warn("Could not record the last callback outcomes; their rows come back after the lease", e);
		}
	}

	/** Releases the send threads (the bean's destroy method). */
	public void close() {
		pool.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Stops before the database and web server go away. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1000;
	}

}
