package dev.vetter.policy;

import java.util.List;
import java.util.Map;

import dev.vetter.platform.InvalidInput;

/**
 * When a machine result of this bizType goes to human review (human-machine mode; only
 * for tenants with manual review enabled).
 *
 * @param suggestions machine suggestions that escalate (default {@code ["review"]})
 * @param labels per-label score ranges that escalate, e.g.
 * {@code {"porn":{"min":60,"max":100}}}
 * @param reviewLibraries a hit on a REVIEW library escalates (default true)
 * @param auditSampleRate share of {@code pass} results sent for audit, 0..1 (default 0);
 * the draw is a deterministic function of the task id
 */
public record EscalationRules(List<Suggestion> suggestions, Map<String, ScoreRange> labels, Boolean reviewLibraries,
		Double auditSampleRate) {

	/**
	 * An inclusive range of rates (0..100); {@code min} defaults to 0, {@code max} to
	 * 100.
	 */
	public record ScoreRange(Double min, Double max) {

		public ScoreRange {
			min = min == null ? 0.0 : min;
			max = max == null ? 100.0 : max;
			if (min < 0 || max > 100 || min > max) {
				throw new InvalidInput("a score range needs 0 <= min <= max <= 100");
			}
		}

		public boolean contains(double rate) {
			return rate >= min && rate <= max;
		}
	}

	public static final EscalationRules DEFAULT = new EscalationRules(null, null, null, null);

	public EscalationRules {
		suggestions = suggestions == null ? List.of(Suggestion.REVIEW) : List.copyOf(suggestions);
		labels = labels == null ? Map.of() : Map.copyOf(labels);
		reviewLibraries = reviewLibraries == null || reviewLibraries;
		auditSampleRate = auditSampleRate == null ? 0.0 : auditSampleRate;
		if (auditSampleRate < 0 || auditSampleRate > 1) {
			throw new InvalidInput("auditSampleRate is between 0 and 1");
		}
	}
}
