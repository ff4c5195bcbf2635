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

	private final AbuseClassifier classifier;

	public DefaultTextDetector() {
		this(BuiltinLexicon.compile(BuiltinLexicon.readAll()), AbuseClassifier.builtin());
	}

	DefaultTextDetector(CompiledTerms builtin) {
		this(builtin, null);
	}

	DefaultTextDetector(CompiledTerms builtin, AbuseClassifier classifier) {
		this.builtin = builtin;
		this.classifier = classifier;
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
		// the classifier runs at most once, and only when its rate matters: for the
		// context check of an ambiguous term, or for its own finding unless the lexicon
		// already blocks the text as abuse (the finding would add nothing)
		ClassifierRate rate = new ClassifierRate(opts.classifier() ? classifier : null, t);
		if (opts.lexicons()) {
			lexicon(t, hits, rate);
		}
		if (rate.classifier != null
				&& hits.stream().noneMatch(h -> h.severity() == TextHit.Severity.BLOCK && h.label().equals("abuse"))) {
			classifier.report(t, rate.get(), hits);
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
			int from = hits.size();
			TextRules.run(t, hits);
			LinkSignals.apply(t, hits.subList(from, hits.size()));
		}
		return new TextAnalysis(text, dedupe(hits));
	}

	/** The classifier's rate of one text, computed on first use. */
	private static final class ClassifierRate {

		final AbuseClassifier classifier;

		private final NormalizedText t;

		private double rate = Double.NaN;

		ClassifierRate(AbuseClassifier classifier, NormalizedText t) {
			this.classifier = classifier;
			this.t = t;
		}

		double get() {
			if (Double.isNaN(rate)) {
				rate = classifier == null ? 0 : classifier.rate(t);
			}
			return rate;
		}

	}

	/** a context-dependent term alone gets this rate (the default policy passes it) */
	static final double CONTEXT_ALONE_RATE = 40;

	/** classifier rate that counts as the second signal for a context-dependent term */
	static final double CONTEXT_CLASSIFIER_RATE = 35;

	private static final java.util.regex.Pattern TARGET = java.util.regex.Pattern.compile(
			"(?iu)(?<![\\p{L}\\p{N}])(?:you|u|ur|your|yours|youre|you're|you’re|ya|yall|y'all|yo mama|thou)(?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}])@[\\p{L}\\p{N}_]|[你您]");

	/** how far (in original chars) a target may be from a context-dependent term */
	static final int TARGET_WINDOW = 40;

	/** "RT @name:" and the run of @mentions a reply starts with address, not target */
	private static final java.util.regex.Pattern LEADING_MENTIONS = java.util.regex.Pattern
		.compile("^\\s*(?:(?:rt\\s+)?@[\\p{L}\\p{N}_]+:?\\s+)+", java.util.regex.Pattern.CASE_INSENSITIVE);

	/**
	 * A context-dependent term keeps its severity only with a second signal: a person
	 * targeted (second person or an @mention in the body within {@link #TARGET_WINDOW}
	 * chars), another lexicon finding elsewhere that is not itself a context term, or the
	 * classifier; alone it drops to {@link #CONTEXT_ALONE_RATE}.
	 */
	private static void context(NormalizedText t, List<TextHit> lex, ClassifierRate classifierRate) {
		boolean ambiguous = false;
		for (TextHit h : lex) {
			ambiguous |= BuiltinLexicon.isContextTerm(h.term());
		}
		if (!ambiguous || classifierRate.get() >= CONTEXT_CLASSIFIER_RATE) {
			return;
		}
		String o = t.original;
		int bodyFrom = -1;
		// "another finding elsewhere" in O(n): some hit ends before h starts or starts
		// after
		// h ends
		int minEnd = Integer.MAX_VALUE, maxStart = Integer.MIN_VALUE;
		for (TextHit g : lex) {
			// another context term is no second signal: two innocent words ("rape" and
			// "sexual" in a news report) stay innocent
			if (!g.label().equals("contraband") && !BuiltinLexicon.isContextTerm(g.term())) {
				minEnd = Math.min(minEnd, g.end());
				maxStart = Math.max(maxStart, g.start());
			}
		}
		for (int i = 0; i < lex.size(); i++) {
			TextHit h = lex.get(i);
			if (!BuiltinLexicon.isContextTerm(h.term()) || minEnd <= h.start() || maxStart >= h.end()) {
				continue;
			}
			if (bodyFrom < 0) {
				java.util.regex.Matcher lead = LEADING_MENTIONS.matcher(o);
				bodyFrom = lead.lookingAt() ? lead.end() : 0;
			}
			int from = Math.max(bodyFrom, h.start() - TARGET_WINDOW);
			int to = Math.min(o.length(), h.end() + TARGET_WINDOW);
			if (from < to && TARGET.matcher(o).region(from, to).useTransparentBounds(true).find()) {
				continue;
			}
			lex.set(i, new TextHit(h.label(), TextHit.Severity.REVIEW, Math.min(h.rate(), CONTEXT_ALONE_RATE),
					h.start(), h.end(), h.context(), h.term(), h.rule(), h.origin()));
		}
	}

	private void lexicon(NormalizedText t, List<TextHit> hits, ClassifierRate classifierRate) {
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
			if (splitsKinshipWord(t.original, f.start(), f.end())) {
				continue;
			}
			lex.add(hit(t, e, sev, rate, f.start(), f.end()));
		}
		context(t, lex, classifierRate);
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

	/**
	 * A Chinese match that cuts a kinship word: its first or last char is the first or
	 * second half of a doubled kinship char ({@code 他妈|妈} "his mother", {@code 妈|妈逼着}
	 * "mother forced", {@code 娘|娘的}) or of {@code 姑娘}/{@code 新娘} ("the girl's"): Chinese
	 * has no word spaces, so these are not the curse words the lexicon lists.
	 */
	static boolean splitsKinshipWord(String o, int start, int end) {
		if (end - start < 2) {
			return false;
		}
		char first = kin(o.charAt(start)), last = kin(o.charAt(end - 1));
		if (start > 0) {
			char before = kin(o.charAt(start - 1));
			if (first != 0 && (before == first || first == '娘' && (before == '姑' || before == '新'))) {
				return true;
			}
		}
		return end < o.length() && last != 0 && kin(o.charAt(end)) == last;
	}

	/** the kinship char (Simplified), or 0; 姑 and 新 only as the char before 娘 */
	private static char kin(char c) {
		return switch (c) {
			case '妈', '媽' -> '妈';
			case '娘', '奶', '爸', '爷', '姑', '新' -> c;
			case '爺' -> '爷';
			default -> 0;
		};
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
