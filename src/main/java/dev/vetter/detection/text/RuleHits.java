package dev.vetter.detection.text;

import java.util.ArrayList;
import java.util.List;

import dev.vetter.detection.TextHit;
import dev.vetter.detection.TextHit.Severity;

/** Rule findings being collected for one text, in original-text positions. */
final class RuleHits {

	private final NormalizedText t;

	private final List<TextHit> out = new ArrayList<>();

	RuleHits(NormalizedText t) {
		this.t = t;
	}

	List<TextHit> list() {
		return out;
	}

	/** Adds a rule hit covering folded chars [fa, fb). */
	void add(String label, Severity sev, double rate, int fa, int fb, String rule) {
		if (fb <= fa) {
			return;
		}
		int start = t.origStartOfFolded(fa), end = t.origEndOfFolded(fb - 1);
		for (int i = out.size() - 1; i >= 0 && i >= out.size() - 8; i--) {
			TextHit h = out.get(i);
			if (rule.equals(h.rule()) && h.start() <= start && h.end() >= end) {
				return; // already covered by a recent finding of the same rule
			}
		}
		out.add(new TextHit(label, sev, rate, start, end, t.original().substring(start, end), null, rule,
				TextHit.Origin.RULE));
	}

}
