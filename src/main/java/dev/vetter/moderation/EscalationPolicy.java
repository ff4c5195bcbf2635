package dev.vetter.moderation;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import dev.vetter.policy.EscalationRules;
import dev.vetter.policy.LibraryAction;
import dev.vetter.policy.Suggestion;

/**
 * Whether a machine verdict goes to human review, one method per rule of
 * {@link EscalationRules}.
 */
public final class EscalationPolicy {

	private EscalationPolicy() {
	}

	public static boolean escalates(TextVerdict verdict, EscalationRules rules) {
		return bySuggestion(verdict, rules) || byLabelScore(verdict, rules) || byReviewLibrary(verdict, rules)
				|| byAuditSample(verdict, rules);
	}

	static boolean bySuggestion(TextVerdict verdict, EscalationRules rules) {
		return rules.suggestions().contains(verdict.suggestion());
	}

	static boolean byLabelScore(TextVerdict verdict, EscalationRules rules) {
		return verdict.findings().stream().anyMatch(f -> {
			EscalationRules.ScoreRange range = rules.labels().get(f.label());
			return range != null && range.contains(f.rate());
		});
	}

	static boolean byReviewLibrary(TextVerdict verdict, EscalationRules rules) {
		return rules.reviewLibraries() && verdict.findings()
			.stream()
			.flatMap(f -> f.contexts().stream())
			.anyMatch(c -> c.library() != null && c.library().action() == LibraryAction.REVIEW);
	}

	/**
	 * A pass result is audited when a hash of its task id falls under the sample rate:
	 * same id, same draw.
	 */
	static boolean byAuditSample(TextVerdict verdict, EscalationRules rules) {
		return verdict.suggestion() == Suggestion.PASS && rules.auditSampleRate() > 0
				&& draw(verdict.taskId()) < rules.auditSampleRate();
	}

	static double draw(String taskId) {
		CRC32 crc = new CRC32();
		crc.update(taskId.getBytes(StandardCharsets.UTF_8));
		return (crc.getValue() % 1_000_000) / 1_000_000.0;
	}

}
