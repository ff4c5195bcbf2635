package dev.vetter.review.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import dev.vetter.platform.ContentKind;
import dev.vetter.platform.InvalidInput;
import dev.vetter.review.ReviewAlreadyDecided;
import dev.vetter.review.ReviewNotHeld;
import dev.vetter.review.ReviewOutcome;
import dev.vetter.review.Verdict;

/**
 * A review item with its decisions so far. State changes are methods with guard clauses;
 * the repository persists what they return.
 */
public final class ReviewItem {

	public enum Status {

		PENDING, ESCALATED, DECIDED, WITHDRAWN

	}

	/** One reviewer's recorded decision. */
	public record Decision(long reviewerId, Verdict verdict, boolean lead, Instant at) {
	}

	final long id;

	final long tenantId;

	final String taskId;

	final ContentKind kind;

	Status status;

	Long claimedBy;

	Instant leaseUntil;

	final int requiredReviews;

	final List<String> allowedLabels;

	final List<Decision> decisions;

	Verdict finalVerdict;

	public ReviewItem(long id, long tenantId, String taskId, ContentKind kind, Status status, Long claimedBy,
			Instant leaseUntil, int requiredReviews, List<String> allowedLabels, List<Decision> decisions) {
		this.id = id;
		this.tenantId = tenantId;
		this.taskId = taskId;
		this.kind = kind;
		this.status = status;
		this.claimedBy = claimedBy;
		this.leaseUntil = leaseUntil;
		this.requiredReviews = requiredReviews;
		this.allowedLabels = List.copyOf(allowedLabels);
		this.decisions = new ArrayList<>(decisions);
	}

	public boolean heldBy(long reviewerId, Instant now) {
		return claimedBy != null && claimedBy == reviewerId && leaseUntil != null && leaseUntil.isAfter(now);
	}

	/** Records a reviewer's decision on an item they hold. */
	public ReviewOutcome decide(long reviewerId, boolean isLead, Verdict verdict, Instant now) {
		if (status == Status.DECIDED || status == Status.WITHDRAWN) {
			throw new ReviewAlreadyDecided(id);
		}
		if (!heldBy(reviewerId, now)) {
			throw new ReviewNotHeld(id);
		}
		if (status == Status.ESCALATED && !isLead) {
			throw new ReviewNotHeld("review item " + id + " is escalated: only a lead decides it");
		}
		for (String label : verdict.labels()) {
			if (!allowedLabels.contains(label)) {
				throw new InvalidInput("label '" + label + "' is not in this tenant's agreement: " + allowedLabels);
			}
		}
		boolean leadDecision = status == Status.ESCALATED;
		decisions.add(new Decision(reviewerId, verdict, leadDecision, now));
		claimedBy = null;
		leaseUntil = null;
		if (leadDecision) {
			return finish(verdict);
		}
		List<Decision> reviews = decisions.stream().filter(d -> !d.lead()).toList();
		if (reviews.size() < requiredReviews) {
			return ReviewOutcome.NEEDS_MORE;
		}
		boolean agree = reviews.stream().map(d -> d.verdict().suggestion()).distinct().count() == 1;
		if (!agree) {
			status = Status.ESCALATED;
			return ReviewOutcome.ESCALATED;
		}
		LinkedHashSet<String> labels = new LinkedHashSet<>();
		List<String> notes = new ArrayList<>();
		for (Decision d : reviews) {
			labels.addAll(d.verdict().labels());
			if (d.verdict().note() != null && !d.verdict().note().isBlank()) {
				notes.add(d.verdict().note());
			}
		}
		String suggestion = reviews.get(0).verdict().suggestion();
		return finish(new Verdict(suggestion, "block".equals(suggestion) ? List.copyOf(labels) : List.of(),
				notes.isEmpty() ? null : String.join(" | ", notes)));
	}

	/** Gives a held item back to the queue. */
	public void release(long reviewerId, Instant now) {
		if (status == Status.DECIDED || status == Status.WITHDRAWN) {
			throw new ReviewAlreadyDecided(id);
		}
		if (!heldBy(reviewerId, now)) {
			throw new ReviewNotHeld(id);
		}
		claimedBy = null;
		leaseUntil = null;
	}

	private ReviewOutcome finish(Verdict verdict) {
		status = Status.DECIDED;
		finalVerdict = verdict;
		return ReviewOutcome.FINAL;
	}

	public long id() {
		return id;
	}

	public long tenantId() {
		return tenantId;
	}

	public String taskId() {
		return taskId;
	}

	public ContentKind kind() {
		return kind;
	}

	public Status status() {
		return status;
	}

	public Verdict finalVerdict() {
		return finalVerdict;
	}

	public int humanDecisions() {
		return decisions.size();
	}

	public Decision lastDecision() {
		return decisions.get(decisions.size() - 1);
	}

}
