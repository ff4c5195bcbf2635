package dev.vetter.detection.text;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vetter.detection.TextHit.Severity;

/**
 * {@code handle} (label {@code ad}): messenger ids and links (WeChat, QQ, Telegram,
 * WhatsApp, LINE, Kakao, Discord, ...).
 */
final class HandleRule implements TextRule {

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
					s -> RuleSupport.containsAny(s, "信", "weixin", "wechat", "vx", "wx", "+v", "+w", "加")
							|| hasSpacedVx(s)),
			// QQ
			family("(?:qq|扣扣|企鹅|q号|qq号|qq群|群号)\\s*(?:号|群|群号)?\\s*[:：=]?\\s*\\d{5,11}(?!\\d)",
					s -> RuleSupport.containsAny(s, "qq", "扣扣", "企鹅", "q号", "群号")),
			// Telegram, WhatsApp, LINE, Discord links
			family("\\b(?:t|telegram)\\.(?:me|dog)/[a-z0-9_+]{3,}|\\bwa\\.me/\\+?\\d{6,}|\\bline\\.me/[a-z0-9/_~+-]+"
					+ "|\\bdiscord(?:\\.gg|app\\.com/invite|\\.com/invite)/[a-z0-9-]+",
					s -> RuleSupport.containsAny(s, ".me/", ".dog/", "discord")),
			family("(?:telegram|telegramm|tg|电报|纸飞机|飞机号?)\\s*(?:id|号)?\\s*[:：=]?\\s*@?[a-z][a-z0-9_]{3,31}(?![a-z0-9_])",
					s -> RuleSupport.containsAny(s, "telegram", "tg", "电报", "飞机")),
			family("(?:whatsapp|whats app|whatsap|watsapp|wtsp|wsp|wa)\\s*(?:id|no|number|#)?\\s*[:：=]?\\s*\\+?\\d[\\d \\-]{6,18}\\d",
					s -> RuleSupport.containsAny(s, "whats", "watsapp", "wtsp", "wsp", "wa")
							&& RuleSupport.digits(s) >= 8),
			family("\\bline\\s*(?:id)?\\s*[:：=]\\s*@?[a-z0-9._-]{4,20}|\\bline\\s+id\\s*[:：=]?\\s*@?[a-z0-9._-]{4,20}",
					s -> s.contains("line") && (RuleSupport.containsAny(s, ":", "：", "=") || s.contains(" id"))),
			family("(?:kakao|kakaotalk|카톡|카카오톡?)\\s*(?:id)?\\s*[:：=]?\\s*[a-z0-9._-]{4,20}",
					s -> RuleSupport.containsAny(s, "kakao", "카톡", "카카오")),
			family("\\b(?:snapchat|snap|sc|instagram|insta|ig|kik|skype|wickr|signal|discord|threema|session)\\s*"
					+ "(?:id|username|handle|me)?\\s*[:：=]\\s*@?[a-z0-9._#-]{3,32}",
					s -> RuleSupport.containsAny(s, ":", "：", "=")));

	/**
	 * a bare @handle right after a contact cue: a contact verb ("dm me @x", "contact me
	 * on
	 * @x"), or "on/via/at" with a platform named ("on telegram @x"). "via @user" and "at
	 * @user" alone are how tweets credit a source or tag a place (OLID dev: 24 of its 121
	 * flagged clean tweets were "... URL via @user")
	 */
	private static final Pattern CUED_AT_HANDLE = Pattern.compile(
			"(?<![a-z0-9_])(?:(?:contact|dm|message|msg|add|find|hit|reach|text|ping|follow|join)\\s+(?:me\\s+)?(?:on\\s+|at\\s+|@\\s*)?"
					+ "(?:telegram|tg|whatsapp|ig|insta|instagram|snap|kik|wickr|signal|discord|twitter|x)?"
					+ "|(?:on|via|at)\\s+(?:me\\s+)?(?:on\\s+|at\\s+)?"
					+ "(?:telegram|tg|whatsapp|ig|insta|instagram|snap|kik|wickr|signal|discord|twitter|x))"
					+ "\\s*[:：]?\\s*@[a-z][a-z0-9_.]{3,31}");

	private static final Pattern HANDLE_MENTION = Pattern.compile(
			"(?<![a-z0-9_])(?:加我|加个|加一下|加|私聊|私信|联系)\\s*(?:微信|威信|vx|v信|wx|qq|扣扣|好友|v)|(?:dm|pm|inbox|message) me (?:for|to) (?:price|prices|details|order|buy)");

	@Override
	public void find(NormalizedText t, String s, RuleHits out) {
		Matcher m;
		for (Family family : HANDLES) {
			if (!family.guard().test(s)) {
				continue;
			}
			m = family.pattern().matcher(s);
			while (m.find()) {
				out.add("ad", Severity.BLOCK, 90, m.start(), m.end(), "handle");
			}
		}
		if (s.indexOf('@') < 0) {
			m = null;
		}
		else {
			m = CUED_AT_HANDLE.matcher(s);
		}
		while (m != null && m.find()) {
			out.add("ad", Severity.REVIEW, 75, m.start(), m.end(), "handle");
		}
		m = RuleSupport.containsAny(s, "加", "私聊", "私信", "联系")
				|| s.contains(" me ") && RuleSupport.containsAny(s, "dm", "pm", "inbox", "message")
						? HANDLE_MENTION.matcher(s) : null;
		while (m != null && m.find()) {
			out.add("ad", Severity.REVIEW, 70, m.start(), m.end(), "handle");
		}
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

}
