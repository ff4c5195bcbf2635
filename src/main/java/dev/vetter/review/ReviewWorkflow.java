package dev.vetter.review;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.vetter.platform.AccessDenied;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.NotFound;
import dev.vetter.review.internal.ReviewEvents;
import dev.vetter.review.internal.ReviewItem;
import dev.vetter.review.internal.ReviewItems;
import dev.vetter.tenancy.Caller;
import dev.vetter.tenancy.ReviewScope;
import dev.vetter.tenancy.ReviewScopeChanged;
import dev.vetter.tenancy.Role;
import dev.vetter.tenancy.TenantDirectory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The review queue's use cases. Each state change writes the current-status row and an
 * event-log entry in one transaction. Claims are leases: an expired lease frees the item
 * for the next claim, no sweeper needed.
 */
@Service
public class ReviewWorkflow {

	private static final Logger log = LoggerFactory.getLogger(ReviewWorkflow.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ReviewItems items;

	private final ReviewEvents events;

	private final TenantDirectory directory;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	private final Duration lease;

	private final MeterRegistry meters;

	private final Counter claims;

	private final Counter passes;

	private final Counter blocks;

	ReviewWorkflow(ReviewItems items, ReviewEvents events, TenantDirectory directory,
			ApplicationEventPublisher publisher, Clock clock, ReviewProperties properties, MeterRegistry meters) {
		this.items = items;
		this.events = events;
		this.directory = directory;
		this.publisher = publisher;
		this.clock = clock;
		this.lease = properties.lease();
		this.meters = meters;
		this.claims = meters.counter("vetter.review.claimed");
		this.passes = meters.counter("vetter.review.decisions", "suggestion", "pass");
		this.blocks = meters.counter("vetter.review.decisions", "suggestion", "block");
	}

	/**
	 * Queues an item, in the caller's transaction (the task row and the item commit
	 * together).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long submit(ReviewSubmission submission) {
		Instant now = clock.instant();
		long id = items.insert(submission, now);
		events.append(id, "SUBMITTED", null, null, now);
		meters.counter("vetter.review.submitted", "kind", submission.kind().wire()).increment();
		return id;
	}

	/**
	 * Gives the reviewer the item they hold (extending the lease) or claims the next one:
	 * earliest deadline first, then priority. Leads are served escalated items first.
	 * Empty when there is nothing to do.
	 */
	@Transactional
	public Optional<ClaimedItem> claim(Caller reviewer) {
		long me = reviewerId(reviewer);
		Instant now = clock.instant();
		Instant until = now.plus(lease);
		Optional<ClaimedItem> held = items.extendHeld(me, now, until);
		if (held.isPresent()) {
			return held;
		}
		ReviewScope scope = directory.reviewScope(me);
		if (!scope.allTenants() && scope.tenantIds().isEmpty()) {
			return Optional.empty();
		}
		Long[] tenants = scope.tenantIds().toArray(Long[]::new);
		Optional<ClaimedItem> claimed = Optional.empty();
		if (reviewer.has(Role.LEAD)) {
			claimed = items.claimNext("ESCALATED", me, scope.allTenants(), tenants, now, until);
		}
		if (claimed.isEmpty()) {
			claimed = items.claimNext("PENDING", me, scope.allTenants(), tenants, now, until);
		}
		claimed.ifPresent(item -> claims.increment());
		return claimed;
	}

	/**
	 * Claims one more item while the reviewer may hold others (the console prefetches the
	 * next item so a decision needs no wait): escalated items first for leads, then
	 * pending ones, of {@code kind} when not null. Empty when there is nothing to do.
	 */
	@Transactional
	public Optional<ClaimedItem> claimAhead(Caller reviewer, ContentKind kind) {
		long me = reviewerId(reviewer);
		Instant now = clock.instant();
		Instant until = now.plus(lease);
		ReviewScope scope = directory.reviewScope(me);
		if (!scope.allTenants() && scope.tenantIds().isEmpty()) {
			return Optional.empty();
		}
		Long[] tenants = scope.tenantIds().toArray(Long[]::new);
		Optional<ClaimedItem> claimed = Optional.empty();
		if (reviewer.has(Role.LEAD) && kind == null) {
			claimed = items.claimNext("ESCALATED", me, scope.allTenants(), tenants, now, until);
		}
		if (claimed.isEmpty()) {
			claimed = items.claimNextOfKind(kind == null ? null : kind.wire(), me, scope.allTenants(), tenants, now,
					until);
		}
		claimed.ifPresent(item -> claims.increment());
		return claimed;
	}

	/**
	 * The pending items of {@code kind} this reviewer holds already (leases extended), so
	 * a page of them (the console's image grid) survives a reload.
	 */
	@Transactional
	public List<ClaimedItem> held(Caller reviewer, ContentKind kind) {
		Instant now = clock.instant();
		return items.extendHeldOfKind(kind.wire(), reviewerId(reviewer), now, now.plus(lease));
	}

	/**
	 * Records a decision on an item the reviewer holds; publishes {@link ReviewDecided}
	 * when it is final.
	 */
	@Transactional
	public ReviewOutcome decide(Caller reviewer, long itemId, Verdict verdict) {
		long me = reviewerId(reviewer);
		Instant now = clock.instant();
		ReviewItem item = items.lock(itemId).orElseThrow(() -> missing(itemId));
		checkTenant(me, itemId, item.tenantId());
		ReviewOutcome outcome = item.decide(me, reviewer.has(Role.LEAD), verdict, now);
		Verdict fin = item.finalVerdict();
		switch (outcome) {
			case ESCALATED -> items.saveDecision(item, JSON.writeValueAsString(verdict), "ESCALATED", null);
			case FINAL ->
				items.saveDecision(item, JSON.writeValueAsString(verdict), "FINALIZED", JSON.writeValueAsString(fin));
			case NEEDS_MORE -> items.saveDecision(item, JSON.writeValueAsString(verdict), null, null);
		}
		(verdict.blocks() ? blocks : passes).increment();
		if (outcome == ReviewOutcome.FINAL) {
			publisher.publishEvent(new ReviewDecided(item.tenantId(), item.taskId(), item.kind(), fin.suggestion(),
					fin.labels(), fin.note(), now, item.humanDecisions()));
		}
		return outcome;
	}

	/** Gives a held item back to the queue at once. */
	@Transactional
	public void release(Caller reviewer, long itemId) {
		long me = reviewerId(reviewer);
		Instant now = clock.instant();
		ReviewItem item = items.lock(itemId).orElseThrow(() -> missing(itemId));
		checkTenant(me, itemId, item.tenantId());
		item.release(me, now);
		items.saveState(item, now);
		events.append(itemId, "RELEASED", me, null, now);
	}

	/**
	 * Takes the task's item out of the queue if it has no final verdict yet (the task was
	 * cancelled).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean withdraw(String taskId) {
		Optional<Long> id = items.idOfTask(taskId);
		if (id.isPresent() && items.withdraw(taskId)) {
			events.append(id.get(), "WITHDRAWN", null, null, clock.instant());
			return true;
		}
		return false;
	}

	/**
	 * Queue depth and SLA state per tenant (operators; see the security configuration).
	 */
	public List<QueueStats> stats(Caller caller) {
		return items.stats(clock.instant())
			.stream()
			.map(q -> new QueueStats(directory.tenant(q.tenantId()).uid(), q.pending(), q.escalated(), q.overdue(),
					q.claimed(), q.oldest()))
			.toList();
	}

	/**
	 * The item's event log, oldest first: for operators, and for leads within their
	 * review scope (audit, disputes).
	 */
	public List<ReviewLogEntry> history(Caller caller, long itemId) {
		if (!caller.has(Role.OPERATOR)) {
			checkTenant(reviewerId(caller), itemId, items.tenantOf(itemId).orElseThrow(() -> missing(itemId)));
		}
		List<ReviewLogEntry> log = events.of(itemId);
		if (log.isEmpty()) {
			throw missing(itemId);
		}
		return log;
	}

	/**
	 * The task of an item this reviewer may look at (its media, for the workbench): an
	 * open item in the reviewer's tenant scope, that is one the reviewer holds or could
	 * claim (pending; escalated for leads). Anything else (another tenant's item, a
	 * decided or withdrawn one, a missing id) answers exactly as a missing item.
	 */
	public ReviewedTask visibleTask(Caller reviewer, long itemId) {
		long me = reviewerId(reviewer);
		ReviewItems.Visibility item = items.visibility(itemId).orElseThrow(() -> missing(itemId));
		boolean open = "PENDING".equals(item.status())
				|| ("ESCALATED".equals(item.status()) && reviewer.has(Role.LEAD));
		if (!open || !directory.reviewScope(me).includes(item.tenantId())) {
			throw missing(itemId);
		}
		return new ReviewedTask(itemId, item.tenantId(), item.taskId(), item.kind());
	}

	/**
	 * An operator changed a reviewer's tenants: leases the reviewer holds on items of a
	 * tenant no longer in scope go back to the queue at once (in the change's
	 * transaction), logged as {@code RELEASED} with the reason, so another reviewer can
	 * take them and the reviewer's next claim gets an item in scope.
	 */
	@EventListener
	void scopeChanged(ReviewScopeChanged event) {
		ReviewScope scope = event.scope();
		List<Long> released = items.releaseOutsideScope(event.userId(), scope.allTenants(),
				scope.tenantIds().toArray(Long[]::new), clock.instant(), "{\"reason\":\"review scope changed\"}");
		if (!released.isEmpty()) {
			log.info("released review items {} held by user {}: their tenant left the user's review scope", released,
					event.userId());
		}
	}

	/**
	 * The user behind a workbench call; roles are checked by the security configuration.
	 */
	private static long reviewerId(Caller caller) {
		if (caller.userId() == null) {
			throw new AccessDenied("only reviewers and leads work the review queue");
		}
		return caller.userId();
	}

	/**
	 * Another tenant's item answers exactly as a missing one: same status, code and
	 * message.
	 */
	private void checkTenant(long reviewerId, long itemId, long tenantId) {
		if (!directory.reviewScope(reviewerId).includes(tenantId)) {
			throw missing(itemId);
		}
	}

	private static NotFound missing(long itemId) {
		return new NotFound("review item " + itemId);
	}

}
