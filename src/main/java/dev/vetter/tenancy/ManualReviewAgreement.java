package dev.vetter.tenancy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.vetter.platform.ContentKind;
import dev.vetter.platform.InvalidInput;

/**
 * What an operator agreed with a tenant about the paid manual review service.
 *
 * @param enabled manual review is on; while off, manual APIs answer 596 and nothing
 * escalates
 * @param dailyVolume expected items per day (for staffing; not a hard limit)
 * @param slaMinutes turnaround target per content kind ({@code text}, {@code image},
 * {@code video}, {@code voice}); an item's deadline is its arrival plus this
 * @param criteria review criteria shown to reviewers
 * @param labels the labels reviewers may choose
 * @param requiredReviews independent reviews an item needs: 1, or 2 for double review
 */
public record ManualReviewAgreement(Boolean enabled, Integer dailyVolume, Map<String, Integer> slaMinutes,
		String criteria, List<String> labels, Integer requiredReviews) {

	public static final List<String> DEFAULT_LABELS = List.of("porn", "sexy", "terrorism", "violence", "abuse", "ad",
			"politics", "contraband", "spam", "flood", "meaningless", "customized");

	/** Turnaround in minutes per content kind when the operator agreed none. */
	public static final Map<ContentKind, Integer> DEFAULT_SLA = Map.of(ContentKind.TEXT, 60, ContentKind.IMAGE, 60,
			ContentKind.VIDEO, 240, ContentKind.VOICE, 240);

	public static final ManualReviewAgreement DISABLED = new ManualReviewAgreement(false, 0, null, "", DEFAULT_LABELS,
			1);

	public ManualReviewAgreement {
		enabled = enabled != null && enabled;
		dailyVolume = dailyVolume == null ? 0 : dailyVolume;
		requiredReviews = requiredReviews == null ? 1 : requiredReviews;
		if (dailyVolume < 0) {
			throw new InvalidInput("dailyVolume must not be negative");
		}
		Map<String, Integer> sla = new java.util.HashMap<>();
		DEFAULT_SLA.forEach((kind, minutes) -> sla.put(kind.wire(), minutes));
		if (slaMinutes != null) {
			slaMinutes.forEach((kind, minutes) -> {
				if (!ContentKind.wireNames().contains(kind)) {
					throw new InvalidInput(
							"slaMinutes: unknown content kind '" + kind + "'; known: " + ContentKind.wireNames());
				}
				if (minutes == null || minutes < 1 || minutes > 43_200) {
					throw new InvalidInput("slaMinutes." + kind + " must be 1..43200 minutes");
				}
				sla.put(kind, minutes);
			});
		}
		slaMinutes = Map.copyOf(sla);
		criteria = criteria == null ? "" : criteria;
		if (criteria.length() > 20_000) {
			throw new InvalidInput("criteria is at most 20000 characters");
		}
		labels = labels == null || labels.isEmpty() ? DEFAULT_LABELS : List.copyOf(labels);
		for (String label : labels) {
			if (label == null || !label.matches("[A-Za-z0-9_-]{1,32}")) {
				throw new InvalidInput("labels are 1-32 characters of letters, digits, _ -");
			}
		}
		if (requiredReviews < 1 || requiredReviews > 2) {
			throw new InvalidInput("requiredReviews is 1 or 2");
		}
	}

	/** The agreed turnaround for items of this kind. */
	public Duration sla(ContentKind kind) {
		return Duration.ofMinutes(slaMinutes.getOrDefault(kind.wire(), DEFAULT_SLA.get(kind)));
	}
}
