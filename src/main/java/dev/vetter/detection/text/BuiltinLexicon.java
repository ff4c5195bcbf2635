package dev.vetter.detection.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vetter.detection.TextHit;
import dev.vetter.detection.TextTerm;

/**
 * The built-in lexicons under {@code classpath:/lexicon/}: Vetter's own
 * {@code vetter.tsv} plus the seed lists converted from npm {@code cuss@2.2.0} (MIT) and
 * {@code naughty-words@1.2.0} (CC-BY-4.0). Line format:
 * {@code label TAB severity TAB rate TAB term [TAB flags]}; see
 * {@code lexicon/README.md}.
 *
 * <p>
 * Hits carry {@link TextHit.Origin#LEXICON} and a {@link TextTerm} whose source is
 * {@code "builtin:<file>"}. When several lists hold the same normalised term with the
 * same label, the strongest severity (then rate) wins.
 */
final class BuiltinLexicon {

	static final List<String> FILES = List.of("vetter.tsv", "cuss.tsv", "naughty-words.tsv");

	private BuiltinLexicon() {
	}

	/** A parsed, expanded lexicon row. */
	record Row(String file, String label, String severity, double rate, String term, String flags) {
	}

	static List<Row> readAll() {
		List<Row> rows = new ArrayList<>();
		for (String file : FILES) {
			rows.addAll(read(file));
		}
		return rows;
	}

	/**
	 * Non-English list terms that are ordinary English words
	 * (lexicon/english-collisions.txt): skipped in those lists so "a big fan" or "a pot
	 * of tea" do not hit.
	 */
	private static final java.util.Set<String> ENGLISH_COLLISIONS = readWords("/lexicon/english-collisions.txt");

	/**
	 * Terms of the lists that are neutral words in any context
	 * (lexicon/neutral-terms.txt): skipped in every list.
	 */
	private static final java.util.Set<String> NEUTRAL_TERMS = readWords("/lexicon/neutral-terms.txt");

	private static java.util.Set<String> readWords(String path) {
		try (InputStream in = BuiltinLexicon.class.getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("missing " + path);
			}
			return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
				.map(String::strip)
				.filter(l -> !l.isEmpty() && !l.startsWith("#"))
				.collect(java.util.stream.Collectors.toUnmodifiableSet());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Terms whose offence depends on context (lexicon/context-terms.txt): alone they give
	 * a low rate, with a second signal their row's severity.
	 */
	static final java.util.Set<String> CONTEXT_TERMS = readWords("/lexicon/context-terms.txt");

	/**
	 * The context-term list plus every term of a {@code vetter.tsv} row flagged
	 * {@code context} (intent to kill without a named target, news words such as "mass
	 * shooting").
	 */
	private static final java.util.Set<String> CONTEXT_KEYS = java.util.stream.Stream
		.concat(CONTEXT_TERMS.stream(),
				read("vetter.tsv").stream().filter(r -> hasFlag(r.flags(), "context")).map(Row::term))
		.map(CompiledTerms::keyOf)
		.collect(java.util.stream.Collectors.toUnmodifiableSet());

	private static boolean hasFlag(String flags, String flag) {
		for (String f : flags.split(",")) {
			if (f.trim().equals(flag)) {
				return true;
			}
		}
		return false;
	}

	/** built-in terms only, so bounded by the lexicon's size */
	private static final java.util.Map<String, Boolean> CONTEXT_CACHE = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * Whether a built-in term is context-dependent, compared by normalised key ("pu55y"
	 * is "pussy").
	 */
	static boolean isContextTerm(TextTerm term) {
		return CONTEXT_CACHE.computeIfAbsent(term.term(), t -> CONTEXT_KEYS.contains(CompiledTerms.keyOf(t)));
	}

	/** "göt" and "hård" are "got" and "hard" once folded, so they collide as well */
	private static String stripAccents(String s) {
		return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
	}

	static List<Row> read(String file) {
		String path = "/lexicon/" + file;
		try (InputStream in = BuiltinLexicon.class.getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("missing built-in lexicon " + path);
			}
			BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			List<Row> rows = new ArrayList<>();
			String line;
			int no = 0;
			String lang = null;
			while ((line = r.readLine()) != null) {
				no++;
				if (line.startsWith("# lang:")) {
					lang = line.substring(7).strip();
				}
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] c = line.split("\t");
				if (c.length < 4) {
					throw new IllegalStateException(path + ":" + no + ": expected label, severity, rate, term");
				}
				String flags = c.length > 4 ? c[4].trim() : "";
				boolean foreign = lang != null && !lang.equals("en");
				for (String term : expand(c[3].trim())) {
					String key = stripAccents(term.strip().toLowerCase(java.util.Locale.ROOT));
					if (foreign && ENGLISH_COLLISIONS.contains(key) || NEUTRAL_TERMS.contains(key)) {
						continue;
					}
					if (!term.isBlank()) {
						rows.add(new Row(file, c[0].trim(), c[1].trim(), Double.parseDouble(c[2].trim()), term.trim(),
								flags));
					}
				}
			}
			return rows;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Expands alternation groups: "{a|b} c{d|}" gives "a cd", "a c", "b cd", "b c". */
	static List<String> expand(String template) {
		List<String> out = new ArrayList<>();
		out.add("");
		int i = 0;
		while (i < template.length()) {
			int open = template.indexOf('{', i);
			if (open < 0) {
				append(out, List.of(template.substring(i)));
				break;
			}
			int close = template.indexOf('}', open);
			if (close < 0) {
				throw new IllegalArgumentException("unbalanced { in " + template);
			}
			append(out, List.of(template.substring(i, open)));
			append(out, List.of(template.substring(open + 1, close).split("\\|", -1)));
			i = close + 1;
		}
		return out;
	}

	private static void append(List<String> acc, List<String> alternatives) {
		List<String> next = new ArrayList<>(acc.size() * alternatives.size());
		for (String a : acc) {
			for (String b : alternatives) {
				next.add(a + b);
			}
		}
		acc.clear();
		acc.addAll(next);
	}

	static CompiledTerms compile(List<Row> rows) {
		Map<String, CompiledTerms.Entry> best = new LinkedHashMap<>();
		List<CompiledTerms.Entry> cues = new ArrayList<>();
		for (Row row : rows) {
			boolean cue = "CUE".equals(row.severity());
			TextHit.Severity sev = cue ? TextHit.Severity.REVIEW : TextHit.Severity.valueOf(row.severity());
			TextTerm term = new TextTerm(row.term(), row.label(), "builtin:" + row.file());
			CompiledTerms.Entry e = CompiledTerms.Entry.of(term, sev, row.rate(), TextHit.Origin.LEXICON);
			if (e == null) {
				continue;
			}
			if (cue) {
				e.cueClass = row.label();
				cues.add(e);
				continue;
			}
			for (String flag : row.flags().split(",")) {
				flag = flag.trim();
				if (flag.startsWith("upgrade=")) {
					e.upgradeCue = flag.substring("upgrade=".length());
				}
				else if (flag.startsWith("only-with=")) {
					e.requiredCue = flag.substring("only-with=".length());
				}
			}
			String k = e.key + java.util.Arrays.toString(e.runs) + '\u0000' + row.label();
			CompiledTerms.Entry old = best.get(k);
			if (old == null || stronger(e, old)) {
				best.put(k, e);
			}
		}
		List<CompiledTerms.Entry> all = new ArrayList<>(best.values());
		all.addAll(cues);
		return CompiledTerms.fromEntries(all);
	}

	private static boolean stronger(CompiledTerms.Entry a, CompiledTerms.Entry b) {
		if (a.severity != b.severity) {
			return a.severity == TextHit.Severity.BLOCK;
		}
		return a.rate > b.rate;
	}

}
