package dev.vetter.detection.text;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.vetter.detection.TextHit;

/**
 * A link is not an ad by itself. A plain {@code url} finding (not obfuscated) keeps its
 * rate only with an advertising signal in the same text: contact details (an
 * {@code email}, {@code phone} or {@code handle} finding), several links, a URL
 * shortener, prices or commerce words, or a link-in-bio / click-here pattern. Without one
 * its rate drops to {@link #PLAIN_LINK_RATE}, under the policy's default minimum rate, so
 * a bizType passes it unless it says {@code links: review|block}. Obfuscated links
 * ({@code hxxp}, {@code example[.]com}, {@code example dot com}) are BLOCK findings and
 * stay as they are. A caller's blocklisted domain is a term of its library and is
 * reported on its own.
 */
final class LinkSignals {

	/** rate of a plain link without an advertising signal */
	static final double PLAIN_LINK_RATE = 40;

	/**
	 * Link shorteners that hide the destination. Not {@code t.co}: Twitter wraps every
	 * link in it, so it says nothing about the poster.
	 */
	static final Set<String> SHORTENERS = Set.of("bit.ly", "tinyurl.com", "goo.gl", "ow.ly", "is.gd", "buff.ly",
			"rebrand.ly", "cutt.ly", "shorturl.at", "rb.gy", "t.ly", "tiny.cc", "bl.ink", "s.id", "lnkd.in", "adf.ly",
			"shorte.st", "bc.vc", "v.gd", "linktr.ee", "lnk.bio", "beacons.ai", "dwz.cn", "url.cn", "t.cn", "suo.im");

	private static final Pattern COMMERCE = Pattern.compile("(?iu)" + "[$€£¥￥]\\s?\\d|\\d\\s?(?:usd|eur|rmb|元|块)"
			+ "|(?<![\\p{L}])(?:buy|sale|sales|discount|discounts|coupon|coupons|promo|promo code|deal|deals|cheap|"
			+ "cheapest|price|prices|order now|shop now|free shipping|wholesale|% off|off sale|limited offer|"
			+ "earn money|make money|work from home|casino|betting|bonus|free trial|subscribe|giveaway|"
			+ "link in bio|link in my bio|check my bio|check out my|click here|click the link|tap the link|dm me|"
			+ "dm for|whatsapp me|follow me|sign up|register now)(?![\\p{L}])"
			+ "|购买|优惠|价格|折扣|下单|包邮|代购|加盟|招商|兼职|日结|返利|促销|特价|领券|点击链接|戳链接|私信|加群|免费领");

	private LinkSignals() {
	}

	/** Lowers plain links without an advertising signal to {@link #PLAIN_LINK_RATE}. */
	static void apply(NormalizedText t, List<TextHit> hits) {
		int plain = 0, links = 0;
		boolean contact = false;
		for (TextHit h : hits) {
			if (h.origin() != TextHit.Origin.RULE || !"ad".equals(h.label())) {
				continue;
			}
			if ("url".equals(h.rule())) {
				links++;
				plain += h.severity() == TextHit.Severity.REVIEW ? 1 : 0;
			}
			else {
				contact = true;
			}
		}
		if (plain == 0 || contact || links > 1 || COMMERCE.matcher(t.original).find()) {
			return;
		}
		for (int i = 0; i < hits.size(); i++) {
			TextHit h = hits.get(i);
			if (h.origin() == TextHit.Origin.RULE && "url".equals(h.rule()) && h.severity() == TextHit.Severity.REVIEW
					&& !isShortened(h.context())) {
				hits.set(i, new TextHit(h.label(), h.severity(), Math.min(h.rate(), PLAIN_LINK_RATE), h.start(),
						h.end(), h.context(), h.term(), h.rule(), h.origin()));
			}
		}
	}

	static boolean isShortened(String url) {
		String u = url.toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "").replaceFirst("^www\\.", "");
		int slash = u.indexOf('/');
		String host = slash < 0 ? u : u.substring(0, slash);
		return SHORTENERS.contains(host);
	}

}
