package dev.vetter.detection.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.vetter.detection.TextAnalysis;
import dev.vetter.detection.TextDetector;
import dev.vetter.detection.TextHit;
import dev.vetter.detection.TextTerm;
import dev.vetter.detection.TextTermSet;

/** PLACEHOLDER: lower-case substring search, replaced by the real engine. */
@Component
class NaiveTextDetector implements TextDetector {

	@Override
	public TextAnalysis analyze(String content, List<TextTermSet> terms, Options options) {
		String lower = content.toLowerCase(Locale.ROOT);
		List<TextHit> hits = new ArrayList<>();
		for (TextTermSet set : terms) {
			for (TextTerm term : ((CompiledTerms) set).terms) {
				String t = term.term().toLowerCase(Locale.ROOT);
				int i = lower.indexOf(t);
				while (i >= 0 && !t.isEmpty()) {
					hits.add(new TextHit(term.label(), TextHit.Severity.BLOCK, 99.9, i, i + t.length(),
							content.substring(i, i + t.length()), term, null, TextHit.Origin.TERMS));
					i = lower.indexOf(t, i + t.length());
				}
			}
		}
		return new TextAnalysis(content, hits);
	}
}
