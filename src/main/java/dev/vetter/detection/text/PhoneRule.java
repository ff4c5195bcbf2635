package dev.vetter.detection.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;

import dev.vetter.detection.TextHit.Severity;

/**
 * {@code phone} (label {@code ad}): a digit group that libphonenumber reads as a valid
 * number (with its {@code +} country code, or national in {@link #REGIONS}), and any 7-15
 * digit group after a cue word (call, tel, whatsapp, 电话, ...). Dates, year lists, IPs,
 * versions and decimals are never numbers.
 */
final class PhoneRule implements TextRule {

	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	/**
	 * Where a number written without a country code is looked up: the service's main
	 * markets, mainland China and the NANP area. A number of another country needs its
	 * {@code +} prefix or a cue word.
	 */
	static final List<String> REGIONS = List.of("CN", "US");

	/** NANP numbers have ten digits, or eleven with the trunk prefix 1 */
	private static final Pattern NANP_SHAPE = Pattern.compile("1?[2-9]\\d{9}");

	/**
	 * Digit groups that may be a number: libphonenumber decides whether they are one;
	 * dates, year lists and dotted numbers are prose
	 */
	private static final Pattern PHONE_CANDIDATE = Pattern
		.compile("(?<![a-z0-9.,/_-])(?:\\+|00)?\\s?\\(?\\d(?:[\\d]|[ .\\-()/]{1,2}(?=[\\d(]))*\\d\\)?(?![a-z0-9])");

	private static final Pattern PHONE_CUE = Pattern.compile(
			"(?:call|phone|tel|mobile|cell|text|sms|whatsapp|whats app|wa|viber|signal|contact|hotline|fax|电话|手机|联系"
					+ "|热线|座机|来电|致电|打给|短信|☎|📞|📱)[^\\n]{0,16}$");

	@Override
	public void find(NormalizedText t, String s, RuleHits out) {
		int digitCount = 0;
		for (int i = 0; i < t.foldedLength() && digitCount < 7; i++) {
			if (t.foldedClass(i) == Folding.DIGIT) {
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
			boolean dots = cand.indexOf('.') >= 0;
			boolean cue = PHONE_CUE.matcher(s.substring(Math.max(0, start - 24), start)).find();
			boolean phone;
			if (isDateOrYears(g) || dots && !cand.matches("\\(?\\d{3}\\)?\\.\\d{3}\\.\\d{4}")) {
				phone = false;
			}
			else if (allSingle(g) && g.size() > 3) {
				// spaced out digit by digit: a number only when the digits are one
				phone = isPhoneNumber(digits) || cue && nd >= 8;
			}
			else {
				phone = isPhoneNumber(cand) || cue && nd <= 15;
			}
			if (phone) {
				out.add("ad", cue ? Severity.BLOCK : Severity.REVIEW, cue ? 90 : 75, start, end, "phone");
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

	/**
	 * Whether libphonenumber finds a valid number spanning the whole candidate: with its
	 * country code, or else as a national number of one of {@link #REGIONS}. One lookup
	 * per candidate (each costs several microseconds): a {@code +}/{@code 00} number
	 * needs no region; a national number is looked up in the NANP area when it has the
	 * NANP shape and is not a Chinese mobile number, else in China.
	 */
	static boolean isPhoneNumber(String candidate) {
		String digits = candidate.replaceAll("\\D", "");
		boolean nanp = !candidate.startsWith("+") && !candidate.startsWith("00") && NANP_SHAPE.matcher(digits).matches()
				&& !digits.matches("1[3-9]\\d{9}");
		String region = nanp ? REGIONS.get(1) : REGIONS.get(0);
		for (PhoneNumberMatch match : PHONES.findNumbers(candidate, region, Leniency.VALID, 1)) {
			if (match.start() == 0 && match.end() == candidate.length()) {
				return true;
			}
		}
		return false;
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

}
