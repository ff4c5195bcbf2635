package dev.vetter.detection.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vetter.detection.TextHit.Severity;

/**
 * {@code url} (label {@code ad}): {@code http(s)://}, {@code www.}, bare domains and
 * obfuscated ones ({@code example dot com}, {@code example[.]com}, {@code hxxp://}).
 */
final class UrlRule implements TextRule {

	private static final Pattern SCHEME_URL = Pattern.compile(
			"(?:\\b(?:https?|hxxps?|h\\*\\*ps?|ftp)\\s*(?::|\\[:\\])\\s*//|\\bwww\\s*(?:\\.|\\[\\.\\]|\\(\\.\\)))[^\\s<>\"'，。！？、]+");

	private static final Pattern BARE_DOMAIN = Pattern.compile("(?<![a-z0-9@._-])((?:" + RuleSupport.LABEL + "\\.)+)("
			+ RuleSupport.TLD + ")(?![a-z0-9-])((?:/[^\\s<>\"'，。！？]*)?)");

	private static final Pattern OBFUSCATED_DOMAIN = Pattern.compile("(?<![a-z0-9])(?:www" + RuleSupport.OBF_DOT
			+ "|www\\s+)?(" + RuleSupport.LABEL + ")" + RuleSupport.OBF_DOT + "(" + RuleSupport.TLD + ")(?![a-z0-9])");

	private static final Pattern SPACED_WWW = Pattern
		.compile("(?<![a-z0-9])www\\s+(" + RuleSupport.LABEL + ")\\s+(" + RuleSupport.TLD + ")(?![a-z0-9])");

	@Override
	public void find(NormalizedText t, String s, RuleHits out) {
		Matcher m = RuleSupport.containsAny(s, "http", "hxxp", "h**p", "ftp", "www") ? SCHEME_URL.matcher(s) : null;
		while (m != null && m.find()) {
			int end = RuleSupport.trimTrailing(s, m.start(), m.end());
			String g = m.group();
			boolean obfuscated = !g.startsWith("http://") && !g.startsWith("https://") && !g.startsWith("www.")
					&& !g.startsWith("ftp://");
			out.add("ad", obfuscated ? Severity.BLOCK : Severity.REVIEW, obfuscated ? 90 : 80, m.start(), end, "url");
		}
		m = hasDomainDot(s) ? BARE_DOMAIN.matcher(s) : null;
		while (m != null && m.find()) {
			String tld = m.group(2);
			boolean hasPath = m.group(3).length() > 1;
			String labels = m.group(1);
			String first = labels.substring(0, labels.length() - 1);
			if (first.matches("[0-9.]+") || !RuleSupport.isTld(tld)) {
				continue; // "3.14.de"? never a plausible domain; "report.pdf" has no TLD
			}
			if (!hasPath && !first.startsWith("www.") && !RuleSupport.isBareDomain(labels + tld)) {
				continue;
			}
			int end = RuleSupport.trimTrailing(s, m.start(), m.end());
			out.add("ad", Severity.REVIEW, 75, m.start(), end, "url");
		}
		for (Pattern p : new Pattern[] { OBFUSCATED_DOMAIN, SPACED_WWW }) {
			boolean possible = p == OBFUSCATED_DOMAIN ? RuleSupport.hasObfuscatedDot(s) : s.contains("www");
			m = possible ? p.matcher(s) : null;
			while (m != null && m.find()) {
				if (RuleSupport.STOPWORDS.contains(m.group(1))
						|| p == OBFUSCATED_DOMAIN && !m.group().startsWith("www") && m.group(1).length() < 2) {
					continue;
				}
				if (!plausibleTld(m, p == SPACED_WWW)) {
					continue;
				}
				if (p == OBFUSCATED_DOMAIN && m.group().matches("(?s)[a-z0-9-]+\\s+\\.\\s+[a-z]+")
						&& !m.group(1).matches(".*\\d.*") && isSentenceBreak(s, m)) {
					continue; // "the end . it" is a sentence, not a domain
				}
				out.add("ad", Severity.BLOCK, 90, m.start(), m.end(), "url");
			}
		}
	}

	/**
	 * The TLD of an obfuscated domain must be in the public suffix list. A bracketed dot
	 * ({@code [.]}, {@code (dot)}) or a www makes any TLD plausible; a spaced one
	 * ({@code example dot com}, {@code 点}, {@code 。}) needs a
	 * {@link RuleSupport#BARE_TLDS} TLD, or {@code polka dot art} would be a link.
	 */
	private static boolean plausibleTld(Matcher m, boolean www) {
		String tld = m.group(2);
		if (!RuleSupport.isTld(tld)) {
			return false;
		}
		String g = m.group();
		return www || g.startsWith("www") || RuleSupport.containsAny(g, "[", "(", "{", "<")
				|| RuleSupport.BARE_TLDS.contains(tld);
	}

	/** a '.' between a letter/digit and a letter: the only place a bare domain can be */
	private static boolean hasDomainDot(String s) {
		for (int i = s.indexOf('.'); i > 0 && i + 1 < s.length(); i = s.indexOf('.', i + 1)) {
			char a = s.charAt(i - 1), b = s.charAt(i + 1);
			if ((a >= 'a' && a <= 'z' || a >= '0' && a <= '9') && b >= 'a' && b <= 'z') {
				return true;
			}
		}
		return false;
	}

	private static boolean isSentenceBreak(String s, Matcher m) {
		int after = m.end();
		return after < s.length() && s.charAt(after) == ' ';
	}

}
