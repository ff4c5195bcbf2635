package dev.vetter.detection.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vetter.detection.TextHit;
import dev.vetter.detection.TextHit.Severity;

/**
 * Rule findings, run on the folded layer of {@link NormalizedText} (NFKC_CF, so
 * full-width and circled digits are ASCII, zero-width chars are gone, Traditional Chinese
 * is Simplified), never on leet-folded text. Positions map back to the original text.
 * <ul>
 * <li>{@code url}, {@code email}, {@code phone}, {@code handle}: label {@code ad}</li>
 * <li>{@code flood}: label {@code flood}</li>
 * <li>{@code meaningless}: label {@code meaningless}</li>
 * </ul>
 */
final class TextRules {

	/**
	 * TLDs accepted after a bare "name.tld" (no scheme, no www): unambiguous and not file
	 * extensions.
	 */
	private static final String STRONG_TLDS = "com|net|org|info|biz|io|cn|ru|xyz|top|vip|cc|tk|ml|ga|cf|gq|icu|buzz|su"
			+ "|uk|de|jp|kr|fr|nl|pl|br|au|ca|eu|hk|tw|sg|ph|vn|ua|kz|ir|tr|mobi|asia|club|online|site|shop|store"
			+ "|casino|bet|porn|xxx|sex|adult|dating|loan|win|vip|cyou|sbs|cfd|bond|rest";

	/**
	 * TLDs that are also words or file extensions: a URL only with scheme, www, a path or
	 * an obfuscated dot.
	 */
	private static final String WEAK_TLDS = "co|me|tv|us|in|it|to|io|ai|ly|gg|ws|id|my|app|dev|pro|live|link|life"
			+ "|world|today|email|network|website|space|press|host|news|media|money|cash|games|game|date|party|review"
			+ "|stream|download|racing|science|cloud|tech|one|fun|click|work|chat|trade|men|bid|name|ink|cam|sexy";

	private static final String ALL_TLDS = STRONG_TLDS + "|" + WEAK_TLDS;

	private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";

	private static final String OBF_DOT = "(?:\\s*[\\[({<]\\s*(?:\\.|dot|点)\\s*[\\])}>]\\s*|\\s+dot\\s+|\\s*点\\s*|\\s*。\\s*"
			+ "|\\s+\\.\\s+|\\s*\\(\\.\\)\\s*)";

	private static final Set<String> STOPWORDS = Set.of("the", "a", "an", "this", "that", "of", "in", "on", "at", "to",
			"its", "it", "my", "your", "our", "their", "his", "her", "big", "and", "or", "is", "was", "old", "first",
			"new", "like", "whole");

	private static final Pattern SCHEME_URL = Pattern.compile(
			"(?:\\b(?:https?|hxxps?|h\\*\\*ps?|ftp)\\s*(?::|\\[:\\])\\s*//|\\bwww\\s*(?:\\.|\\[\\.\\]|\\(\\.\\)))[^\\s<>\"'，。！？、]+");

	private static final Pattern BARE_DOMAIN = Pattern
		.compile("(?<![a-z0-9@._-])((?:" + LABEL + "\\.)+)(" + ALL_TLDS + ")(?![a-z0-9-])((?:/[^\\s<>\"'，。！？]*)?)");

	private static final Pattern OBFUSCATED_DOMAIN = Pattern.compile(
			"(?<![a-z0-9])(?:www" + OBF_DOT + "|www\\s+)?(" + LABEL + ")" + OBF_DOT + "(" + ALL_TLDS + ")(?![a-z0-9])");

	private static final Pattern SPACED_WWW = Pattern
		.compile("(?<![a-z0-9])www\\s+(" + LABEL + ")\\s+(" + ALL_TLDS + ")(?![a-z0-9])");

	private static final Pattern EMAIL = Pattern
		.compile("(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]*@(?:" + LABEL + "\\.)+[a-z]{2,24}(?![a-z0-9])");

	private static final String OBF_AT = "(?:\\s*[\\[({<]\\s*(?:at|@)\\s*[\\])}>]\\s*|\\s*#\\s*|\\s+@\\s+|\\s*艾特\\s*)";

	/**
	 * "name [at] example.com", "name (at) example [dot] com"; a plain " at " needs an
	 * obfuscated dot too
	 */
	private static final Pattern OBFUSCATED_EMAIL = Pattern
		.compile("(?<![a-z0-9._%+-])([a-z0-9][a-z0-9._%+-]{1,63})(?:" + OBF_AT + "(" + LABEL + ")(?:\\.|" + OBF_DOT
				+ ")|\\s+at\\s+(" + LABEL + ")" + OBF_DOT + ")(" + ALL_TLDS + ")(?![a-z0-9])");

	private static final Pattern PHONE_CANDIDATE = Pattern
		.compile("(?<![a-z0-9.,/_-])(?:\\+|00)?\\s?\\(?\\d(?:[\\d]|[ .\\-()/]{1,2}(?=[\\d(]))*\\d\\)?(?![a-z0-9])");

	private static final Pattern PHONE_CUE = Pattern.compile(
			"(?:call|phone|tel|mobile|cell|text|sms|whatsapp|whats app|wa|viber|signal|contact|hotline|fax|电话|手机|联系"
					+ "|热线|座机|来电|致电|打给|短信|☎|📞|📱)[^\\n]{0,16}$");

	/**
	 * Messenger handles, one pattern per family, each behind a guard: literals any match
	 * must contain, so an ordinary sentence costs a few {@code indexOf} calls instead of
	 * a regex pass per family.
	 */
	private record Family(Pattern pattern, java.util.function.Predicate<String> guard) {
	}

	private static Family family(String regex, java.util.function.Predicate<String> guard) {
		return new Family(Pattern.compile("(?<![a-z0-9_])(?:" + regex + ")"), guard);
	}

	private static final List<Family> HANDLES = List.of(
			// WeChat
			family("(?:微信|威信|薇信|维信|徽信|v信|wei信|weixin|wechat|vx|wx|v\\s?x|\\+v|\\+vx|\\+wx|加v|加微|加我)\\s*(?:号|id)?\\s*[:：=]?\\s*"
					+ "(?:[a-z][a-z0-9_-]{5,19}|\\d{5,12})(?![a-z0-9_-])",
					s -> containsAny(s, "信", "weixin", "wechat", "vx", "wx", "+v", "+w", "加") || hasSpacedVx(s)),
			// QQ
			family("(?:qq|扣扣|企鹅|q号|qq号|qq群|群号)\\s*(?:号|群|群号)?\\s*[:：=]?\\s*\\d{5,11}(?!\\d)",
					s -> containsAny(s, "qq", "扣扣", "企鹅", "q号", "群号")),
			// Telegram, WhatsApp, LINE, Discord links
			family("\\b(?:t|telegram)\\.(?:me|dog)/[a-z0-9_+]{3,}|\\bwa\\.me/\\+?\\d{6,}|\\bline\\.me/[a-z0-9/_~+-]+"
					+ "|\\bdiscord(?:\\.gg|app\\.com/invite|\\.com/invite)/[a-z0-9-]+",
					s -> containsAny(s, ".me/", ".dog/", "discord")),
			family("(?:telegram|telegramm|tg|电报|纸飞机|飞机号?)\\s*(?:id|号)?\\s*[:：=]?\\s*@?[a-z][a-z0-9_]{3,31}(?![a-z0-9_])",
					s -> containsAny(s, "telegram", "tg", "电报", "飞机")),
			family("(?:whatsapp|whats app|whatsap|watsapp|wtsp|wsp|wa)\\s*(?:id|no|number|#)?\\s*[:：=]?\\s*\\+?\\d[\\d \\-]{6,18}\\d",
					s -> containsAny(s, "whats", "watsapp", "wtsp", "wsp", "wa") && digits(s) >= 8),
			family("\\bline\\s*(?:id)?\\s*[:：=]\\s*@?[a-z0-9._-]{4,20}|\\bline\\s+id\\s*[:：=]?\\s*@?[a-z0-9._-]{4,20}",
					s -> s.contains("line") && (containsAny(s, ":", "：", "=") || s.contains(" id"))),
			family("(?:kakao|kakaotalk|카톡|카카오톡?)\\s*(?:id)?\\s*[:：=]?\\s*[a-z0-9._-]{4,20}",
					s -> containsAny(s, "kakao", "카톡", "카카오")),
			family("\\b(?:snapchat|snap|sc|instagram|insta|ig|kik|skype|wickr|signal|discord|threema|session)\\s*"
					+ "(?:id|username|handle|me)?\\s*[:：=]\\s*@?[a-z0-9._#-]{3,32}",
					s -> containsAny(s, ":", "：", "=")));

	/** a bare @handle right after a contact cue */
	private static final Pattern CUED_AT_HANDLE = Pattern.compile(
			"(?<![a-z0-9_])(?:contact|dm|message|msg|add|find|hit|reach|text|ping|follow|join|on|via|at)\\s+(?:me\\s+)?(?:on\\s+|at\\s+|@\\s*)?"
					+ "(?:telegram|tg|whatsapp|ig|insta|instagram|snap|kik|wickr|signal|discord|twitter|x)?\\s*[:：]?\\s*@[a-z][a-z0-9_.]{3,31}");

	private static final Pattern HANDLE_MENTION = Pattern.compile(
			"(?<![a-z0-9_])(?:加我|加个|加一下|加|私聊|私信|联系)\\s*(?:微信|威信|vx|v信|wx|qq|扣扣|好友|v)|(?:dm|pm|inbox|message) me (?:for|to) (?:price|prices|details|order|buy)");

	private TextRules() {
	}

	static void run(NormalizedText t, List<TextHit> out) {
		if (t.fLen == 0) {
			return;
		}
		String s = t.foldedString();
		List<TextHit> contact = new ArrayList<>();
		handles(t, s, contact);
		emails(t, s, contact);
		urls(t, s, contact);
		phones(t, s, contact);
		// a URL inside a handle link or an e-mail address is the same finding
		contact.removeIf(h -> "url".equals(h.rule()) && contact.stream()
			.anyMatch(o -> o != h && !"url".equals(o.rule()) && !"phone".equals(o.rule())
					&& o.overlaps(h.start(), h.end())));
		out.addAll(contact);
		flood(t, out);
		meaningless(t, out);
	}

	// -------------------------------------------------------------------------------
	// contact details

	private static void handles(NormalizedText t, String s, List<TextHit> out) {
		Matcher m;
		for (Family family : HANDLES) {
			if (!family.guard().test(s)) {
				continue;
			}
			m = family.pattern().matcher(s);
			while (m.find()) {
				add(t, out, "ad", Severity.BLOCK, 90, m.start(), m.end(), "handle");
			}
		}
		if (s.indexOf('@') < 0) {
			m = null;
		}
		else {
			m = CUED_AT_HANDLE.matcher(s);
		}
		while (m != null && m.find()) {
			add(t, out, "ad", Severity.REVIEW, 75, m.start(), m.end(), "handle");
		}
		m = containsAny(s, "加", "私聊", "私信", "联系")
				|| s.contains(" me ") && containsAny(s, "dm", "pm", "inbox", "message") ? HANDLE_MENTION.matcher(s)
						: null;
		while (m != null && m.find()) {
			add(t, out, "ad", Severity.REVIEW, 70, m.start(), m.end(), "handle");
		}
	}

	private static void emails(NormalizedText t, String s, List<TextHit> out) {
		Matcher m = s.indexOf('@') >= 0 ? EMAIL.matcher(s) : null;
		while (m != null && m.find()) {
			add(t, out, "ad", Severity.REVIEW, 80, m.start(), m.end(), "email");
		}
		// an obfuscated "at" ([at], (@), #, " @ ", 艾特), or a plain " at " followed by an
		// obfuscated dot
		boolean obfuscatedAt = containsAny(s, "@", "#", "艾特") || s.contains("at") && containsAny(s, "[", "(", "{", "<");
		m = obfuscatedAt || s.contains(" at ") && hasObfuscatedDot(s) ? OBFUSCATED_EMAIL.matcher(s) : null;
		while (m != null && m.find()) {
			String domain = m.group(2) != null ? m.group(2) : m.group(3);
			if (!STOPWORDS.contains(domain)) {
				add(t, out, "ad", Severity.BLOCK, 90, m.start(), m.end(), "email");
			}
		}
	}

	private static void urls(NormalizedText t, String s, List<TextHit> out) {
		Matcher m = containsAny(s, "http", "hxxp", "h**p", "ftp", "www") ? SCHEME_URL.matcher(s) : null;
		while (m != null && m.find()) {
			int end = trimTrailing(s, m.start(), m.end());
			String g = m.group();
			boolean obfuscated = !g.startsWith("http://") && !g.startsWith("https://") && !g.startsWith("www.")
					&& !g.startsWith("ftp://");
			add(t, out, "ad", obfuscated ? Severity.BLOCK : Severity.REVIEW, obfuscated ? 90 : 80, m.start(), end,
					"url");
		}
		m = hasDomainDot(s) ? BARE_DOMAIN.matcher(s) : null;
		while (m != null && m.find()) {
			String tld = m.group(2);
			boolean hasPath = m.group(3).length() > 1;
			boolean strong = ("|" + STRONG_TLDS + "|").contains("|" + tld + "|");
			String labels = m.group(1);
			String first = labels.substring(0, labels.length() - 1);
			if (!strong && !hasPath && !first.startsWith("www.")) {
				continue;
			}
			if (first.matches("[0-9.]+")) {
				continue; // "3.14.de"? never a plausible domain
			}
			int end = trimTrailing(s, m.start(), m.end());
			add(t, out, "ad", Severity.REVIEW, 75, m.start(), end, "url");
		}
		for (Pattern p : new Pattern[] { OBFUSCATED_DOMAIN, SPACED_WWW }) {
			boolean possible = p == OBFUSCATED_DOMAIN ? hasObfuscatedDot(s) : s.contains("www");
			m = possible ? p.matcher(s) : null;
			while (m != null && m.find()) {
				if (STOPWORDS.contains(m.group(1))
						|| p == OBFUSCATED_DOMAIN && !m.group().startsWith("www") && m.group(1).length() < 2) {
					continue;
				}
				if (p == OBFUSCATED_DOMAIN && m.group().matches("(?s)[a-z0-9-]+\\s+\\.\\s+[a-z]+")
						&& !m.group(1).matches(".*\\d.*") && isSentenceBreak(s, m)) {
					continue; // "the end . it" is a sentence, not a domain
				}
				add(t, out, "ad", Severity.BLOCK, 90, m.start(), m.end(), "url");
			}
		}
	}

	static boolean containsAny(String s, String... needles) {
		for (String needle : needles) {
			if (s.contains(needle)) {
				return true;
			}
		}
		return false;
	}

	private static int digits(String s) {
		int n = 0;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c >= '0' && c <= '9') {
				n++;
			}
		}
		return n;
	}

	/** "v x" with any whitespace between: the spaced WeChat abbreviation */
	private static boolean hasSpacedVx(String s) {
		for (int i = s.indexOf('v'); i >= 0 && i + 2 < s.length(); i = s.indexOf('v', i + 1)) {
			if (Character.isWhitespace(s.charAt(i + 1)) && s.charAt(i + 2) == 'x') {
				return true;
			}
		}
		return false;
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

	private static int trimTrailing(String s, int start, int end) {
		while (end > start && ".,;:!?)]}'\"".indexOf(s.charAt(end - 1)) >= 0) {
			end--;
		}
		return end;
	}

	private static void phones(NormalizedText t, String s, List<TextHit> out) {
		int digitCount = 0;
		for (int i = 0; i < t.fLen && digitCount < 7; i++) {
			if (t.fc[i] == Folding.DIGIT) {
				digitCount++;
			}
		}
		if (digitCount < 7) {
			return;
		}
		Matcher m = PHONE_CANDIDATE.matcher(s);
		while (m.find()) {
			String raw = m.group();
			int start = m.start(), end = m.end();
			while (start < end && s.charAt(start) == ' ') {
				start++;
			}
			if (raw.endsWith(")") && !raw.contains("(")) {
				end--;
			}
			String cand = s.substring(start, end);
			String digits = cand.replaceAll("\\D", "");
			int nd = digits.length();
			if (nd < 7 || nd > 16) {
				continue;
			}
			String[] groups = cand.replaceAll("^\\+|^00", "").split("[ .\\-()/]+");
			List<String> g = new ArrayList<>();
			for (String x : groups) {
				if (!x.isEmpty()) {
					g.add(x);
				}
			}
			boolean plus = cand.startsWith("+") || cand.startsWith("00");
			boolean dots = cand.indexOf('.') >= 0;
			boolean cue = PHONE_CUE.matcher(s.substring(Math.max(0, start - 24), start)).find();
			boolean phone = false;
			if (isDateOrYears(g) || dots && !cand.matches("\\(?\\d{3}\\)?\\.\\d{3}\\.\\d{4}")) {
				phone = false;
			}
			else if (digits.matches("(?:86)?1[3-9]\\d{9}") && (g.size() == 1 || groupsLookPhone(g) || allSingle(g))) {
				phone = true; // Chinese mobile, possibly spaced out digit by digit
			}
			else if (allSingle(g) && g.size() > 3) {
				phone = cue && nd >= 8;
			}
			else if (plus && nd >= 8 && nd <= 15) {
				phone = true;
			}
			else if (cand.matches("\\(?\\d{3}\\)?[ .\\-]?\\d{3}[ .\\-]\\d{4}")
					|| cand.matches("1[ .\\-]\\d{3}[ .\\-]\\d{3}[ .\\-]\\d{4}")) {
				phone = true; // NANP
			}
			else if (cand.matches("0\\d{2,3}[ \\-]\\d{7,8}") || cand.matches("\\(0\\d{2,3}\\)\\s?\\d{7,8}")) {
				phone = true; // Chinese landline with area code
			}
			else if (cue && nd >= 7 && nd <= 15) {
				phone = true;
			}
			if (phone) {
				add(t, out, "ad", cue ? Severity.BLOCK : Severity.REVIEW, cue ? 90 : 75, start, end, "phone");
			}
		}
	}

	private static boolean allSingle(List<String> g) {
		for (String x : g) {
			if (x.length() != 1) {
				return false;
			}
		}
		return true;
	}

	private static boolean groupsLookPhone(List<String> g) {
		for (String x : g) {
			if (x.length() < 3 && g.size() > 1) {
				return false;
			}
		}
		return true;
	}

	private static boolean isDateOrYears(List<String> g) {
		if (g.size() == 3) {
			int a = g.get(0).length(), b = g.get(1).length(), c = g.get(2).length();
			if (a == 4 && b <= 2 && c <= 2 || a <= 2 && b <= 2 && (c == 4 || c == 2)) {
				return true;
			}
		}
		boolean years = g.size() > 1;
		for (String x : g) {
			if (!(x.length() == 4 && (x.startsWith("19") || x.startsWith("20")))) {
				years = false;
			}
		}
		return years;
	}

	// -------------------------------------------------------------------------------
	// flood

	private static final int MAX_PERIOD = 32;

	static void flood(NormalizedText t, List<TextHit> out) {
		int n = t.fLen;
		if (n < 10) {
			return;
		}
		// compact: runs of whitespace become one space, so "buy now buy now" still
		// repeats
		char[] g = new char[n];
		int[] gi = new int[n];
		int m = 0;
		for (int i = 0; i < n; i++) {
			char c = t.f[i];
			boolean ws = Character.isWhitespace(c);
			if (ws && m > 0 && g[m - 1] == ' ') {
				continue;
			}
			g[m] = ws ? ' ' : c;
			gi[m] = i;
			m++;
		}
		List<int[]> regions = new ArrayList<>();
		for (int p = 1; p <= MAX_PERIOD && p < m; p++) {
			// a flood of period p is a maximal run of g[i] == g[i - p] at least `need`
			// long; every such run
			// contains a position of the stride-`need` sample, so only samples are
			// tested, then expanded
			int minLen = Math.max(10, (int) Math.ceil(minReps(p) * p));
			int need = minLen - p;
			int i = p + need - 1;
			while (i < m) {
				if (g[i] != g[i - p]) {
					i += need;
					continue;
				}
				int a = i;
				while (a - 1 >= p && g[a - 1] == g[a - 1 - p]) {
					a--;
				}
				int b = i;
				while (b + 1 < m && g[b + 1] == g[b + 1 - p]) {
					b++;
				}
				int start = a - p;
				if (b - a + 1 >= need && meaningfulUnit(g, start, p)) {
					regions.add(new int[] { start, b + 1 });
				}
				i = b + 1 + need;
			}
		}
		// emoji / symbol / punctuation runs (spaces allowed in between)
		int symStart = -1, symCount = 0;
		for (int i = 0; i <= m; i++) {
			boolean sym = false;
			if (i < m) {
				char c = g[i];
				sym = c != ' ' && !Character.isLetterOrDigit(c) && !Character.isLowSurrogate(c);
				if (Character.isLowSurrogate(c) || c == ' ' && symStart >= 0) {
					continue;
				}
			}
			if (sym) {
				if (symStart < 0) {
					symStart = i;
					symCount = 0;
				}
				symCount++;
			}
			else {
				if (symStart >= 0 && symCount >= 10) {
					int e = i;
					while (e > symStart && g[e - 1] == ' ') {
						e--;
					}
					regions.add(new int[] { symStart, e });
				}
				symStart = -1;
			}
		}
		if (regions.isEmpty()) {
			return;
		}
		regions.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
		List<int[]> merged = new ArrayList<>();
		for (int[] r : regions) {
			int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
			if (last != null && r[0] <= last[1]) {
				last[1] = Math.max(last[1], r[1]);
			}
			else {
				merged.add(new int[] { r[0], r[1] });
			}
		}
		int covered = 0;
		for (int[] r : merged) {
			covered += r[1] - r[0];
		}
		boolean dominant = covered >= 0.6 * m && covered >= 20;
		for (int[] r : merged) {
			int a = r[0], b = r[1];
			while (a < b && g[a] == ' ') {
				a++;
			}
			while (b > a && g[b - 1] == ' ') {
				b--;
			}
			if (b <= a) {
				continue;
			}
			add(t, out, "flood", dominant ? Severity.BLOCK : Severity.REVIEW, dominant ? 90 : 75, gi[a], gi[b - 1] + 1,
					"flood");
		}
	}

	private static double minReps(int p) {
		if (p == 1) {
			return 10;
		}
		if (p == 2) {
			return 8;
		}
		if (p <= 5) {
			return 5;
		}
		return 2.8;
	}

	/**
	 * the repeated unit has a non-space char and is not just digits (long numbers are not
	 * floods)
	 */
	private static boolean meaningfulUnit(char[] g, int start, int p) {
		boolean nonSpace = false, nonDigit = false;
		for (int k = start; k < start + p; k++) {
			char c = g[k];
			if (c != ' ') {
				nonSpace = true;
			}
			if (!(c >= '0' && c <= '9') && c != ' ' && c != ',' && c != '.') {
				nonDigit = true;
			}
		}
		return nonSpace && nonDigit;
	}

	// -------------------------------------------------------------------------------
	// meaningless

	private static final String KEYBOARD_ROWS = "qwertyuiop|asdfghjkl|zxcvbnm";

	static void meaningless(NormalizedText t, List<TextHit> out) {
		int n = t.fLen;
		int firstNonSpace = -1, lastNonSpace = -1;
		boolean anyLetterOrDigit = false;
		for (int i = 0; i < n; i++) {
			char c = t.f[i];
			if (!Character.isWhitespace(c)) {
				if (firstNonSpace < 0) {
					firstNonSpace = i;
				}
				lastNonSpace = i;
			}
			byte cls = t.fc[i];
			if (cls == Folding.WORD || cls == Folding.DIGIT || cls == Folding.NOSPACE) {
				anyLetterOrDigit = true;
			}
		}
		if (firstNonSpace < 0) {
			return;
		}
		if (!anyLetterOrDigit) {
			add(t, out, "meaningless", Severity.REVIEW, 80, firstNonSpace, lastNonSpace + 1, "meaningless");
			return;
		}
		// keyboard mash / random consonant strings, on Latin tokens
		int totalLetters = 0, mashLetters = 0;
		List<int[]> mash = new ArrayList<>();
		int i = 0;
		while (i < n) {
			byte cls = t.fc[i];
			if (cls == Folding.NOSPACE) {
				totalLetters++;
				i++;
				continue;
			}
			if (cls != Folding.WORD) {
				i++;
				continue;
			}
			int j = i;
			while (j < n && (t.fc[j] == Folding.WORD || t.fc[j] == Folding.MARK)) {
				j++;
			}
			int len = j - i;
			totalLetters += len;
			if (isMash(t.f, i, j)) {
				mashLetters += len;
				mash.add(new int[] { i, j });
			}
			i = j;
		}
		if (mash.isEmpty() || mashLetters < 0.5 * totalLetters) {
			return;
		}
		boolean all = mashLetters >= 0.8 * totalLetters;
		for (int[] r : mash) {
			add(t, out, "meaningless", Severity.REVIEW, all ? 85 : 70, r[0], r[1], "meaningless");
		}
	}

	static boolean isMash(char[] f, int from, int to) {
		// collapse repeats ("hmmmm" -> "hm") and require ASCII letters only
		StringBuilder sb = new StringBuilder(to - from);
		for (int k = from; k < to; k++) {
			char c = f[k];
			if (c < 'a' || c > 'z') {
				return false;
			}
			if (sb.length() == 0 || sb.charAt(sb.length() - 1) != c) {
				sb.append(c);
			}
		}
		String w = sb.toString();
		int len = w.length();
		if (len < 5) {
			return false;
		}
		int vowels = 0, vowelsY = 0, run = 0, maxRun = 0, adjacent = 0;
		for (int k = 0; k < len; k++) {
			char c = w.charAt(k);
			boolean v = "aeiou".indexOf(c) >= 0;
			if (v) {
				vowels++;
			}
			if (v || c == 'y') {
				vowelsY++;
				run = 0;
			}
			else {
				maxRun = Math.max(maxRun, ++run);
			}
			if (k > 0 && keysAdjacent(w.charAt(k - 1), c)) {
				adjacent++;
			}
		}
		if (vowelsY == 0) {
			return true;
		}
		if (len >= 6 && maxRun >= 6) {
			return true;
		}
		if ((double) vowels / len <= 0.2 && adjacent >= 0.7 * (len - 1)) {
			return true;
		}
		// short periodic pattern repeated: "asdasdasd", "jkljkljkl"
		for (int p = 2; p <= 3; p++) {
			if (len >= 3 * p) {
				boolean periodic = true;
				for (int k = p; k < len; k++) {
					if (w.charAt(k) != w.charAt(k - p)) {
						periodic = false;
						break;
					}
				}
				if (periodic && !(p == 2 && "aeiou".indexOf(w.charAt(1)) >= 0)) { // not
																					// "hahaha"/"lololo"
					return true;
				}
			}
		}
		return false;
	}

	private static final int[] KEY_ROW = new int[26], KEY_COL = new int[26];

	static {
		String[] rows = KEYBOARD_ROWS.split("\\|");
		for (int r = 0; r < rows.length; r++) {
			for (int c = 0; c < rows[r].length(); c++) {
				KEY_ROW[rows[r].charAt(c) - 'a'] = r;
				KEY_COL[rows[r].charAt(c) - 'a'] = c;
			}
		}
	}

	private static boolean keysAdjacent(char a, char b) {
		int ra = KEY_ROW[a - 'a'], rb = KEY_ROW[b - 'a'], ca = KEY_COL[a - 'a'], cb = KEY_COL[b - 'a'];
		return Math.abs(ra - rb) <= 1 && Math.abs(ca - cb) <= 1 && !(ra == rb && ca == cb);
	}

	// -------------------------------------------------------------------------------

	/** Adds a rule hit covering folded chars [fa, fb). */
	private static void add(NormalizedText t, List<TextHit> out, String label, Severity sev, double rate, int fa,
			int fb, String rule) {
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
		out.add(new TextHit(label, sev, rate, start, end, t.original.substring(start, end), null, rule,
				TextHit.Origin.RULE));
	}

}
