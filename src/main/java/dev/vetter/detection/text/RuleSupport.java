package dev.vetter.detection.text;

import java.util.Set;

import com.google.common.net.InternetDomainName;

/**
 * What the contact-detail rules share: domain syntax, obfuscated dots, cheap literal
 * guards.
 */
final class RuleSupport {

	/**
	 * What may be a top-level domain: any run of letters, or an IDN in punycode. Whether
	 * it is one is the public suffix list's answer ({@link #isTld}).
	 */
	static final String TLD = "(?:xn--[a-z0-9-]{1,59}|[a-z]{2,24})";

	/**
	 * Top-level domains that make a bare {@code name.tld} (no scheme, no www, no path, no
	 * obfuscation) a domain on their own. Every other public suffix is also a word or a
	 * file extension somewhere ({@code it}, {@code me}, {@code sh}, {@code md},
	 * {@code game}, {@code fun}, ...), so prose such as {@code run.sh} or a missing space
	 * in {@code I like it.It was fun} must not become a link. This is not a list of TLDs
	 * (that is the public suffix list), only of those trusted without context.
	 */
	static final Set<String> BARE_TLDS = Set.of("com", "net", "org", "info", "biz", "io", "cn", "ru", "xyz", "top",
			"vip", "cc", "tk", "ml", "ga", "cf", "gq", "icu", "buzz", "su", "uk", "de", "jp", "kr", "fr", "nl", "pl",
			"br", "au", "ca", "eu", "hk", "tw", "sg", "ph", "vn", "ua", "kz", "ir", "tr", "mobi", "asia", "club",
			"online", "site", "shop", "store", "casino", "bet", "porn", "xxx", "sex", "adult", "dating", "loan", "win",
			"cyou", "sbs", "cfd", "bond", "rest");

	/** Whether {@code tld} is a top-level registry suffix of the public suffix list. */
	static boolean isTld(String tld) {
		return InternetDomainName.isValid(tld) && InternetDomainName.from(tld).isRegistrySuffix();
	}

	/**
	 * Whether {@code host} stands as a domain without a scheme, www or path: it ends in a
	 * {@link #BARE_TLDS} TLD, or in a public suffix of several labels ({@code co.uk},
	 * {@code com.cn}), and has a registrable name in front of its suffix.
	 */
	static boolean isBareDomain(String host) {
		if (!InternetDomainName.isValid(host)) {
			return false;
		}
		InternetDomainName name = InternetDomainName.from(host);
		if (!name.isUnderRegistrySuffix()) {
			return false;
		}
		InternetDomainName suffix = name.registrySuffix();
		return suffix.parts().size() > 1 || BARE_TLDS.contains(suffix.toString());
	}

	static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";

	static final String OBF_DOT = "(?:\\s*[\\[({<]\\s*(?:\\.|dot|点)\\s*[\\])}>]\\s*|\\s+dot\\s+|\\s*点\\s*|\\s*。\\s*"
			+ "|\\s+\\.\\s+|\\s*\\(\\.\\)\\s*)";

	static final Set<String> STOPWORDS = Set.of("the", "a", "an", "this", "that", "of", "in", "on", "at", "to", "its",
			"it", "my", "your", "our", "their", "his", "her", "big", "and", "or", "is", "was", "old", "first", "new",
			"like", "whole");

	private RuleSupport() {
	}

	static boolean containsAny(String s, String... needles) {
		for (String needle : needles) {
			if (s.contains(needle)) {
				return true;
			}
		}
		return false;
	}

	static int digits(String s) {
		int n = 0;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c >= '0' && c <= '9') {
				n++;
			}
		}
		return n;
	}

	/**
	 * Whether {@link #OBF_DOT} can match anywhere: "dot", 点, 。, a '.' with whitespace on
	 * both sides, or a '.' right after an opening bracket (spaces allowed).
	 */
	static boolean hasObfuscatedDot(String s) {
		if (containsAny(s, "dot", "点", "。")) {
			return true;
		}
		for (int i = s.indexOf('.'); i >= 0; i = s.indexOf('.', i + 1)) {
			int b = i - 1;
			while (b >= 0 && Character.isWhitespace(s.charAt(b))) {
				b--;
			}
			if (b >= 0 && "[({<".indexOf(s.charAt(b)) >= 0) {
				return true;
			}
			boolean spaceBefore = b < i - 1;
			boolean spaceAfter = i + 1 < s.length() && Character.isWhitespace(s.charAt(i + 1));
			if (spaceBefore && spaceAfter) {
				return true;
			}
		}
		return false;
	}

	static int trimTrailing(String s, int start, int end) {
		while (end > start && ".,;:!?)]}'\"".indexOf(s.charAt(end - 1)) >= 0) {
			end--;
		}
		return end;
	}

}
