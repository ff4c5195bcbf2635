package dev.vetter.detection.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.springframework.stereotype.Component;

import dev.vetter.detection.TextAnalysis;
import dev.vetter.detection.TextDetector;
import dev.vetter.detection.TextHit;
import dev.vetter.detection.TextTerm;
import dev.vetter.detection.TextTermSet;

/**
 * The text engine: one normalisation pass ({@link NormalizedText}), then the built-in
 * lexicon and every caller-supplied {@link TextTermSet} matched over it
 * ({@link CompiledTerms}), then the rules ({@link TextRules}). Stateless apart from the
 * immutable built-in lexicon; thread-safe.
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

	@Override
	public TextTermSet compile(Collection<TextTerm> terms) {
		return terms.isEmpty() ? CompiledTerms.EMPTY : CompiledTerms.compile(terms);
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
				}
				else if (set != null && set.size() > 0) {
					throw new IllegalArgumentException("term sets must come from TextDetector.compile");
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
		// cues arrive ordered by their end position (the automaton reports matches as it
		// reaches them)
		cues.sort(Comparator.comparingInt(Found::dEnd));
		int[] cueEnds = new int[cues.size()];
		for (int i = 0; i < cueEnds.length; i++) {
			cueEnds[i] = cues.get(i).dEnd();
		}
		for (Found f : found) {
			CompiledTerms.Entry e = f.e();
			TextHit.Severity sev = e.severity;
			double rate = e.rate;
			String cue = e.requiredCue != null ? e.requiredCue : e.upgradeCue;
			if (cue != null) {
				boolean near = false;
				int from = lowerBound(cueEnds, f.dBegin() - CUE_WINDOW);
				for (int i = from; i < cues.size() && cueEnds[i] <= f.dEnd() + CUE_WINDOW + 64 && !near; i++) {
					Found c = cues.get(i);
					near = c.e().cueClass.equals(cue) && c.dBegin() <= f.dEnd() + CUE_WINDOW
							&& !(c.start() >= f.start() && c.end() <= f.end());
				}
				if (near) {
					sev = TextHit.Severity.BLOCK;
					rate = Math.max(rate, 90);
				}
				else if (e.requiredCue != null) {
					continue;
				}
			}
			lex.add(hit(t, e, sev, rate, f.start(), f.end()));
		}
		// one finding per place and label: drop a lexicon hit inside another of the same
		// label that is at
		// least as severe ("cocaine" inside "selling cocaine", "fuck" and its variant
		// "fuuck" on "fuuuuck")
		lex.sort(Comparator.comparing(TextHit::label)
			.thenComparingInt(TextHit::start)
			.thenComparing(Comparator.comparingInt(TextHit::end).reversed())
			.thenComparing(Comparator.comparingInt(DefaultTextDetector::rank).reversed()));
		List<TextHit> active = new ArrayList<>();
		String label = null;
		for (TextHit h : lex) {
			if (!h.label().equals(label)) {
				active.clear();
				label = h.label();
			}
			active.removeIf(g -> g.end() <= h.start());
			boolean covered = false;
			for (TextHit g : active) {
				if (g.end() >= h.end() && rank(g) >= rank(h)) {
					covered = true;
					break;
				}
			}
			if (!covered) {
				hits.add(h);
				active.add(h);
			}
		}
	}

	private static int lowerBound(int[] a, int key) {
		int lo = 0, hi = a.length;
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (a[mid] < key) {
				lo = mid + 1;
			}
			else {
				hi = mid;
			}
		}
		return lo;
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
		hits.sort(ORDER);
		List<TextHit> out = new ArrayList<>(hits.size());
		TextHit prev = null;
		for (TextHit h : hits) {
			if (prev == null || ORDER.compare(prev, h) != 0 || !Objects.equals(prev.term(), h.term())) {
				out.add(h);
			}
			prev = h;
		}
		return out;
	}

	private static final Comparator<TextHit> ORDER = Comparator.comparingInt(TextHit::start)
		.thenComparing(Comparator.comparingInt(TextHit::end).reversed())
		.thenComparing(TextHit::label)
		.thenComparing(h -> h.origin().ordinal())
		.thenComparing(h -> Objects.toString(h.rule(), ""));

}
