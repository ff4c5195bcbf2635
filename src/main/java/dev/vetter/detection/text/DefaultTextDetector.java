package dev.vetter.detection.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.vetter.detection.TextAnalysis;
import dev.vetter.detection.TextDetector;
import dev.vetter.detection.TextHit;
import dev.vetter.detection.TextTermSet;

/**
 * The text engine: one normalisation pass ({@link NormalizedText}), then the built-in lexicon and every
 * caller-supplied {@link TextTermSet} matched over it ({@link CompiledTerms}), then the rules
 * ({@link TextRules}). Stateless apart from the immutable built-in lexicon; thread-safe.
 */
@Component
public class DefaultTextDetector implements TextDetector {

	/** how far (in normalised chars) a cue term may be from the term it qualifies */
	static final int CUE_WINDOW = 60;

	private final CompiledTerms builtin;

	public DefaultTextDetector() {
		this(BuiltinLexicon.compile(BuiltinLexicon.readAll()));
	}

	DefaultTextDetector(CompiledTerms builtin) {
		this.builtin = builtin;
	}

	/** Number of distinct normalised built-in terms (including cue terms). */
	public int builtinSize() {
		return builtin.size();
	}

	@Override
	public TextAnalysis analyze(String content, List<TextTermSet> terms, Options options) {
		String text = content == null ? "" : content;
		Options opts = options == null ? Options.ALL : options;
		List<TextHit> hits = new ArrayList<>();
		if (text.isEmpty()) {
			return new TextAnalysis(text, hits);
		}
		NormalizedText t = NormalizedText.of(text);
		if (opts.lexicons()) {
			lexicon(t, hits);
		}
		if (terms != null) {
			for (TextTermSet set : terms) {
				if (set instanceof CompiledTerms ct) {
					ct.scan(t, (e, s, en, db, de) -> hits.add(hit(t, e, e.severity, e.rate, s, en)));
				} else if (set != null && set.size() > 0) {
					throw new IllegalArgumentException("term sets must come from TextTermSet.compile");
				}
			}
		}
		if (opts.rules()) {
			TextRules.run(t, hits);
		}
		return new TextAnalysis(text, dedupe(hits));
	}

	private void lexicon(NormalizedText t, List<TextHit> hits) {
		record Found(CompiledTerms.Entry e, int start, int end, int dBegin, int dEnd) {
		}
		List<Found> found = new ArrayList<>();
		List<Found> cues = new ArrayList<>();
		List<TextHit> lex = new ArrayList<>();
		builtin.scan(t, (e, s, en, db, de) -> (e.cueClass != null ? cues : found).add(new Found(e, s, en, db, de)));
		for (Found f : found) {
			CompiledTerms.Entry e = f.e();
			TextHit.Severity sev = e.severity;
			double rate = e.rate;
			String cue = e.requiredCue != null ? e.requiredCue : e.upgradeCue;
			if (cue != null) {
				boolean near = false;
				for (Found c : cues) {
					if (c.e().cueClass.equals(cue) && c.dEnd() >= f.dBegin() - CUE_WINDOW
							&& c.dBegin() <= f.dEnd() + CUE_WINDOW && !(c.start() >= f.start() && c.end() <= f.end())) {
						near = true;
						break;
					}
				}
				if (near) {
					sev = TextHit.Severity.BLOCK;
					rate = Math.max(rate, 90);
				} else if (e.requiredCue != null) {
					continue;
				}
			}
			lex.add(hit(t, e, sev, rate, f.start(), f.end()));
		}
		// one finding per place and label: drop a lexicon hit inside another of the same label that is at
		// least as severe ("cocaine" inside "selling cocaine", "fuck" and its variant "fuuck" on "fuuuuck")
		for (int i = 0; i < lex.size(); i++) {
			TextHit h = lex.get(i);
			boolean covered = false;
			for (int j = 0; j < lex.size() && !covered; j++) {
				TextHit g = lex.get(j);
				if (i == j || !g.label().equals(h.label()) || g.start() > h.start() || g.end() < h.end()) {
					continue;
				}
				int cmp = Integer.compare(rank(g), rank(h));
				boolean sameSpan = g.start() == h.start() && g.end() == h.end();
				covered = sameSpan ? cmp > 0 || cmp == 0 && j < i : cmp >= 0;
			}
			if (!covered) {
				hits.add(h);
			}
		}
	}

	private static int rank(TextHit h) {
		return (h.severity() == TextHit.Severity.BLOCK ? 1000 : 0) + (int) Math.round(h.rate());
	}

	private static TextHit hit(NormalizedText t, CompiledTerms.Entry e, TextHit.Severity sev, double rate, int start,
			int end) {
		return new TextHit(e.term.label(), sev, rate, start, end, t.original.substring(start, end), e.term, null,
				e.origin);
	}

	private static List<TextHit> dedupe(List<TextHit> hits) {
		Set<List<Object>> seen = new HashSet<>();
		List<TextHit> out = new ArrayList<>(hits.size());
		for (TextHit h : hits) {
			if (seen.add(List.of(h.start(), h.end(), h.label(), h.origin(), Objects.toString(h.rule()),
					h.term() == null ? "" : h.term()))) {
				out.add(h);
			}
		}
		out.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(b.end(), a.end()));
		return out;
	}
}
