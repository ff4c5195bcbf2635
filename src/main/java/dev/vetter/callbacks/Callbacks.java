package dev.vetter.callbacks;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.vetter.callbacks.internal.CallbackMetrics;
import dev.vetter.callbacks.internal.CallbacksProperties;
import dev.vetter.callbacks.internal.Deliveries;
import dev.vetter.callbacks.internal.Deliveries.Kind;
import dev.vetter.callbacks.internal.DeliveryWorker;
import dev.vetter.callbacks.internal.Notifications;
import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.net.TargetGuard;
import dev.vetter.tenancy.TenantDirectory;

/**
 * The callbacks API for producers of results.
 * <ul>
 * <li>At request time: {@link #callbackTarget(String, String, String)} validates a
 * request's {@code callback}, {@code seed} and {@code cryptType}, so a bad one is a clear
 * client error at once.</li>
 * <li>When a result is stored: {@link #enqueue(long, CallbackEvent)}, inside the
 * producer's transaction.</li>
 * </ul>
 */
@Service
public class Callbacks {

	private static final Object WAKE_KEY = new Object();

	private final Deliveries deliveries;

	private final Notifications notifications;

	private final TenantDirectory tenants;

	private final TargetGuard guard;

	private final DeliveryWorker worker;

	private final CallbackMetrics metrics;

	private final Clock clock;

	private final long maxContent;

	Callbacks(Deliveries deliveries, Notifications notifications, TenantDirectory tenants, TargetGuard guard,
			DeliveryWorker worker, CallbackMetrics metrics, Clock clock, CallbacksProperties properties) {
		this.deliveries = deliveries;
		this.notifications = notifications;
		this.tenants = tenants;
		this.guard = guard;
		this.worker = worker;
		this.metrics = metrics;
		this.clock = clock;
		this.maxContent = properties.http().maxContent().toBytes();
	}

	/**
	 * Validates a request's own callback. Checks the URL without DNS (scheme, syntax,
	 * literal addresses, {@code localhost}); names are resolved and checked again at
	 * every send.
	 * @param callback the request's {@code callback}; blank or null means none
	 * @param seed required with a callback: 1-64 letters, digits or underscores
	 * @param cryptType {@code SHA256} (default) or {@code SM3}
	 * @return the target, or empty when the request has no callback
	 * @throws InvalidInput (code {@code validation-failed}) naming what is wrong
	 */
	public Optional<CallbackTarget> callbackTarget(String callback, String seed, String cryptType) {
		if (callback == null || callback.isBlank()) {
			return Optional.empty();
		}
		URI url;
		try {
			url = guard.check(callback);
		}
		catch (InvalidInput e) {
			throw new InvalidInput("callback: " + e.getMessage());
		}
		return Optional.of(new CallbackTarget(url, seed, CryptType.of(cryptType)));
	}

	/**
	 * Writes the delivery of one task's result to the outbox, in the caller's
	 * transaction: it commits or rolls back with the result. The event goes to the
	 * request's own callback when it has one (every result), else to the tenant's
	 * notification settings when their {@code types} and {@code suggestions} select it.
	 * @return the delivery, or empty when nothing is to be sent
	 * @throws org.springframework.transaction.IllegalTransactionStateException when
	 * called outside a transaction
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<DeliveryId> enqueue(long tenantId, CallbackEvent event) {
		if (event.content().length() > maxContent) {
			throw new IllegalArgumentException("callback content is larger than " + maxContent + " bytes");
		}
		DeliveryId id = DeliveryId.random();
		if (event.callback() != null) {
			CallbackTarget target = event.callback();
			long uid = tenants.tenant(tenantId).uid();
			String checksum = Checksum.of(target.cryptType(), uid, target.seed(), event.content());
			deliveries.insert(new Deliveries.NewDelivery(id, tenantId, Kind.REQUEST, event.stream(), event.taskId(),
					event.suggestion(), event.content(), target.url().toString(), targetHost(target.url()),
					target.cryptType(), checksum, clock.instant()));
			metrics.enqueued(event.stream(), Kind.REQUEST);
		}
		else {
			Optional<Notifications.Row> scheme = notifications.of(tenantId);
			if (scheme.isEmpty() || !scheme.get().streams().contains(event.stream().wire())
					|| event.suggestion() == null || !scheme.get().suggestions().contains(event.suggestion())) {
				return Optional.empty();
			}
			URI url = URI.create(scheme.get().url());
			deliveries.insert(new Deliveries.NewDelivery(id, tenantId, Kind.TENANT, event.stream(), event.taskId(),
					event.suggestion(), event.content(), url.toString(), targetHost(url), scheme.get().cryptType(),
					null, clock.instant()));
			metrics.enqueued(event.stream(), Kind.TENANT);
		}
		wakeWorkerAfterCommit();
		return Optional.of(id);
	}

	/**
	 * Enqueues an event for a request's callback that was checked at request time and
	 * stored (human verdicts arrive long after the request). When the stored callback is
	 * refused now (the target rules changed since), the delivery is recorded as refused:
	 * status {@code exhausted} with one {@code REFUSED} attempt saying why, visible in
	 * the delivery log and resendable. It never fails the caller's transaction, so the
	 * result it reports is kept.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<DeliveryId> enqueueToStoredCallback(long tenantId, CallbackEvent event, String url, String seed,
			String cryptType) {
		CallbackTarget target;
		try {
			target = callbackTarget(url, seed, cryptType)
				.orElseThrow(() -> new InvalidInput("callback URL is missing"));
		}
		catch (InvalidInput refused) {
			CryptType crypt;
			try {
				crypt = CryptType.of(cryptType);
			}
			catch (InvalidInput e) {
				crypt = CryptType.SHA256;
			}
			DeliveryId id = DeliveryId.random();
			String stored = url == null ? "" : url;
			deliveries
				.insertRefused(new Deliveries.NewDelivery(id, tenantId, Kind.REQUEST, event.stream(), event.taskId(),
						event.suggestion(), event.content(), stored, refusedHost(stored), crypt, null, clock.instant()),
						refused.getMessage());
			metrics.enqueued(event.stream(), Kind.REQUEST);
			return Optional.of(id);
		}
		return enqueue(tenantId, event.to(target));
	}

	private static String refusedHost(String url) {
		try {
			URI uri = URI.create(url);
			return uri.getHost() == null ? "-" : targetHost(uri);
		}
		catch (IllegalArgumentException e) {
			return "-";
		}
	}

	private void wakeWorkerAfterCommit() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()
				|| TransactionSynchronizationManager.hasResource(WAKE_KEY)) {
			return;
		}
		TransactionSynchronizationManager.bindResource(WAKE_KEY, Boolean.TRUE);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(WAKE_KEY);
				if (status == STATUS_COMMITTED) {
					worker.wake();
				}
			}
		});
	}

	/** host:port of a URL, the unit of per-host concurrency. */
	static String targetHost(URI url) {
		int port = url.getPort() > 0 ? url.getPort() : url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
		return url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
	}

}
