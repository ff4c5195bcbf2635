package dev.vetter.callbacks;

import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.vetter.callbacks.internal.Deliveries;
import dev.vetter.callbacks.internal.DeliveryWorker;
import dev.vetter.callbacks.internal.Notifications;
import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.NotFound;
import dev.vetter.platform.ProblemCode;
import dev.vetter.platform.VetterException;
import dev.vetter.platform.net.TargetGuard;

/**
 * A tenant's notification settings and its delivery log. Every method is scoped to one
 * tenant.
 */
@Service
public class CallbackAdministration {

	/**
	 * The settings plus the current seed (answers of PUT and of rotation; GET never shows
	 * it).
	 */
	public record Issued(NotificationSettings settings, String seed) {
	}

	static final int SEED_LENGTH = 32;

	private static final char[] SEED_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	private final SecureRandom random = new SecureRandom();

	private final Notifications notifications;

	private final Deliveries deliveries;

	private final TargetGuard guard;

	private final DeliveryWorker worker;

	private final Clock clock;

	CallbackAdministration(Notifications notifications, Deliveries deliveries, TargetGuard guard, DeliveryWorker worker,
			Clock clock) {
		this.notifications = notifications;
		this.deliveries = deliveries;
		this.guard = guard;
		this.worker = worker;
		this.clock = clock;
	}

	/**
	 * Creates or replaces the tenant's notification settings. The URL is resolved and
	 * checked now (and again at every send). A new scheme gets a generated seed; a
	 * changed scheme keeps its seed (rotate it with {@link #rotateSeed(long)}), and its
	 * pending deliveries follow the new URL. The answer carries the current seed either
	 * way.
	 * @param types streams to push; null means all
	 * @param suggestions results to push; null means all
	 */
	@Transactional
	public Issued put(long tenantId, String url, String cryptType, List<String> types, List<String> suggestions) {
		URI checked = checkResolvable(url);
		CryptType crypt = CryptType.of(cryptType);
		Set<CallbackStream> streams = streams(types);
		Set<String> results = suggestions(suggestions);
		String seed = newSeed();
		Instant now = clock.instant();
		boolean created = notifications.put(tenantId, checked.toString(), seed, crypt,
				streams.stream().map(CallbackStream::wire).toList(), List.copyOf(results), now);
		deliveries.repoint(tenantId, checked.toString(), Callbacks.targetHost(checked), crypt);
		NotificationSettings settings = new NotificationSettings(checked.toString(), crypt, streams, results, now);
		// the contract: PUT answers with the seed, so scripts can re-run it; GET never
		// shows it
		String current = created ? seed : notifications.of(tenantId).map(Notifications.Row::seed).orElseThrow();
		return new Issued(settings, current);
	}

	public NotificationSettings settings(long tenantId) {
		Notifications.Row row = notifications.of(tenantId).orElseThrow(() -> new NotFound("notification settings"));
		return view(row);
	}

	/** Issues a new seed; deliveries still waiting are signed with it from now on. */
	@Transactional
	public Issued rotateSeed(long tenantId) {
		String seed = newSeed();
		if (!notifications.rotateSeed(tenantId, seed, clock.instant())) {
			throw new NotFound("notification settings");
		}
		return new Issued(settings(tenantId), seed);
	}

	@Transactional
	public void delete(long tenantId) {
		if (!notifications.delete(tenantId)) {
			throw new NotFound("notification settings");
		}
	}

	/** The tenant's deliveries, newest first. */
	public List<Delivery> deliveries(long tenantId, String status, String taskId, int limit) {
		if (limit < 1 || limit > 500) {
			throw new InvalidInput("limit must be 1-500");
		}
		DeliveryStatus s = status == null || status.isBlank() ? null : DeliveryStatus.of(status);
		String task = taskId == null || taskId.isBlank() ? null : taskId;
		return deliveries.list(tenantId, s, task, limit);
	}

	/** One delivery with its attempts. */
	public Delivery delivery(long tenantId, String id) {
		DeliveryId deliveryId = DeliveryId.parse(id);
		if (deliveryId == null) {
			throw new NotFound("delivery " + id);
		}
		return deliveries.find(tenantId, deliveryId).orElseThrow(() -> new NotFound("delivery " + id));
	}

	/**
	 * Sends a delivery again, whatever its status, with a fresh round of attempts and the
	 * same delivery id (receivers de-duplicate on it). A delivery being sent right now
	 * cannot be resent until that attempt ends.
	 */
	@Transactional
	public Delivery resend(long tenantId, String id) {
		DeliveryId deliveryId = DeliveryId.parse(id);
		Deliveries.ResendResult result = deliveryId == null ? Deliveries.ResendResult.NOT_FOUND
				: deliveries.resend(tenantId, deliveryId, clock.instant());
		switch (result) {
			case NOT_FOUND -> throw new NotFound("delivery " + id);
			case IN_FLIGHT -> throw new VetterException(ProblemCode.CONFLICT,
					"delivery " + id + " is being sent right now; try again when the attempt has ended");
			default -> {
			}
		}
		worker.wake();
		return delivery(tenantId, id);
	}

	/**
	 * Queues a test delivery to the tenant's notification URL, whatever its stream and
	 * suggestion filters: a {@code machineScan} event whose task id starts with
	 * {@code test-} and whose content is {@code {"test":true,...}}. It is signed, retried
	 * and logged like any other delivery.
	 */
	@Transactional
	public DeliveryId sendTest(long tenantId) {
		Notifications.Row row = notifications.of(tenantId).orElseThrow(() -> new NotFound("notification settings"));
		Instant now = clock.instant();
		DeliveryId id = DeliveryId.random();
		String taskId = "test-" + id;
		String content = "{\"test\":true,\"taskId\":\"" + taskId + "\",\"sentAt\":\"" + now + "\"}";
		URI url = URI.create(row.url());
		deliveries.insert(new Deliveries.NewDelivery(id, tenantId, Deliveries.Kind.TENANT, CallbackStream.MACHINE_SCAN,
				taskId, "pass", content, url.toString(), Callbacks.targetHost(url), row.cryptType(), null, now));
		org.springframework.transaction.support.TransactionSynchronizationManager
			.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
				@Override
				public void afterCommit() {
					worker.wake();
				}
			});
		return id;
	}

	private URI checkResolvable(String url) {
		URI uri;
		try {
			uri = guard.check(url);
			guard.resolve(uri);
		}
		catch (InvalidInput e) {
			throw new InvalidInput("url: " + e.getMessage());
		}
		catch (UnknownHostException e) {
			throw new InvalidInput("url: host " + e.getMessage() + " does not resolve");
		}
		return uri;
	}

	private static Set<CallbackStream> streams(List<String> types) {
		if (types == null) {
			return EnumSet.allOf(CallbackStream.class);
		}
		if (types.isEmpty()) {
			throw new InvalidInput("types must name at least one of machineScan, review");
		}
		Set<CallbackStream> streams = EnumSet.noneOf(CallbackStream.class);
		types.forEach(t -> streams.add(CallbackStream.of(t)));
		return streams;
	}

	private static Set<String> suggestions(List<String> suggestions) {
		if (suggestions == null) {
			return new LinkedHashSet<>(List.of("block", "review", "pass"));
		}
		if (suggestions.isEmpty()) {
			throw new InvalidInput("suggestions must name at least one of block, review, pass");
		}
		Set<String> result = new LinkedHashSet<>();
		for (String s : suggestions) {
			String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
			if (!CallbackEvent.SUGGESTIONS.contains(v)) {
				throw new InvalidInput("suggestions must be block, review or pass");
			}
			result.add(v);
		}
		return result;
	}

	private String newSeed() {
		char[] seed = new char[SEED_LENGTH];
		for (int i = 0; i < seed.length; i++) {
			seed[i] = SEED_ALPHABET[random.nextInt(SEED_ALPHABET.length)];
		}
		return new String(seed);
	}

	private static NotificationSettings view(Notifications.Row row) {
		Set<CallbackStream> streams = EnumSet.noneOf(CallbackStream.class);
		row.streams().forEach(s -> streams.add(CallbackStream.of(s)));
		return new NotificationSettings(row.url(), row.cryptType(), streams, new LinkedHashSet<>(row.suggestions()),
				row.updatedAt());
	}

}
