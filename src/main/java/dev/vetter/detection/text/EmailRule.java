package dev.vetter.detection.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vetter.detection.TextHit.Severity;

/**
 * {@code email} (label {@code ad}): plain addresses, and obfuscated ones
 * ({@code name [at] example.com}, {@code name at example dot com}); the TLD must be in
 * the public suffix list.
 */
final class EmailRule implements TextRule {

	private static final Pattern EMAIL = Pattern
		.compile("(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]*@(?:" + RuleSupport.LABEL + "\\.)+[a-z]{2,24}(?![a-z0-9])");

	private static final String OBF_AT = "(?:\\s*[\\[({<]\\s*(?:at|@)\\s*[\\])}>]\\s*|\\s*#\\s*|\\s+@\\s+|\\s*艾特\\s*)";

	/**
	 * "name [at] example.com", "name (at) example [dot] com"; a plain " at " needs an
	 * obfuscated dot too
	 */
	private static final Pattern OBFUSCATED_EMAIL = Pattern.compile("(?<![a-z0-9._%+-])([a-z0-9][a-z0-9._%+-]{1,63})(?:"
			+ OBF_AT + "(" + RuleSupport.LABEL + ")(?:\\.|" + RuleSupport.OBF_DOT + ")|\\s+at\\s+(" + RuleSupport.LABEL
			+ ")" + RuleSupport.OBF_DOT + ")(" + RuleSupport.TLD + ")(?![a-z0-9])");

	@Override
	public void find(NormalizedText t, String s, RuleHits out) {
		Matcher m = s.indexOf('@') >= 0 ? EMAIL.matcher(s) : null;
		while (m != null && m.find()) {
			String address = m.group();
			if (RuleSupport.isTld(address.substring(address.lastIndexOf('.') + 1))) {
				out.add("ad", Severity.REVIEW, 80, m.start(), m.end(), "email");
			}
		}
		// an obfuscated "at" ([at], (@), #, " @ ", 艾特), or a plain " at " followed by an
		// obfuscated dot
		boolean obfuscatedAt = RuleSupport.containsAny(s, "@", "#", "艾特")
				|| s.contains("at") && RuleSupport.containsAny(s, "[", "(", "{", "<");
		m = obfuscatedAt || s.contains(" at ") && RuleSupport.hasObfuscatedDot(s) ? OBFUSCATED_EMAIL.matcher(s) : null;
		while (m != null && m.find()) {
			String domain = m.group(2) != null ? m.group(2) : m.group(3);
			if (!RuleSupport.STOPWORDS.contains(domain) && RuleSupport.isTld(m.group(4))) {
				out.add("ad", Severity.BLOCK, 90, m.start(), m.end(), "email");
			}
		}
	}

}
