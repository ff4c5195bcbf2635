package dev.vetter.detection.text;

import java.util.List;

import dev.vetter.detection.TextHit;

/**
 * The rule families, run in order on the folded layer of {@link NormalizedText}, never on
 * leet-folded text. Positions map back to the original text.
 * <ul>
 * <li>{@link HandleRule}, {@link EmailRule}, {@link UrlRule}, {@link PhoneRule}: label
 * {@code ad}</li>
 * <li>{@link FloodRule}: label {@code flood}</li>
 * <li>{@link MeaninglessRule}: label {@code meaningless}</li>
 * </ul>
 * A new family is a new {@link TextRule} added to one of the lists.
 */
final class TextRules {

	/**
	 * Contact details: a URL found inside a handle link or an e-mail is not reported
	 * again.
	 */
	private static final List<TextRule> CONTACT = List.of(new HandleRule(), new EmailRule(), new UrlRule(),
			new PhoneRule());

	private static final List<TextRule> SHAPE = List.of(new FloodRule(), new MeaninglessRule());

	private TextRules() {
	}

	static void run(NormalizedText t, List<TextHit> out) {
		if (t.foldedLength() == 0) {
			return;
		}
		String s = t.foldedString();
		RuleHits contact = new RuleHits(t);
		for (TextRule rule : CONTACT) {
			rule.find(t, s, contact);
		}
		List<TextHit> found = contact.list();
		found.removeIf(h -> "url".equals(h.rule()) && found.stream()
			.anyMatch(o -> o != h && !"url".equals(o.rule()) && !"phone".equals(o.rule())
					&& o.overlaps(h.start(), h.end())));
		out.addAll(found);
		for (TextRule rule : SHAPE) {
			RuleHits hits = new RuleHits(t);
			rule.find(t, s, hits);
			out.addAll(hits.list());
		}
	}

}
