package dev.vetter.platform.web;

import java.util.Map;

import dev.vetter.platform.InvalidInput;

import tools.jackson.databind.JsonNode;

/**
 * The rule for text that may be stored: no NUL character (PostgreSQL cannot store it) and
 * no lone surrogate (it is not Unicode; stored it would silently become {@code ?}). Both
 * are refused, never repaired, so what is stored is exactly what was sent.
 */
public final class StoredText {

	private StoredText() {
	}

	/** What is wrong with {@code s}, or null when it may be stored. */
	public static String problem(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '\0') {
				return "must not contain NUL characters (U+0000)";
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
					i++;
					continue;
				}
				return "must not contain a lone surrogate (\\u" + Integer.toHexString(c) + "): not valid Unicode";
			}
			if (Character.isLowSurrogate(c)) {
				return "must not contain a lone surrogate (\\u" + Integer.toHexString(c) + "): not valid Unicode";
			}
		}
		return null;
	}

	/**
	 * Checks every string and field name of a JSON tree.
	 * @throws InvalidInput naming the first offending field (e.g.
	 * {@code tasks[0].content})
	 */
	public static void check(JsonNode node, String path) {
		if (node.isString()) {
			String problem = problem(node.asString());
			if (problem != null) {
				throw new InvalidInput(name(path) + ": " + problem);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				check(node.get(i), path + "[" + i + "]");
			}
		}
		else if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
				String problem = problem(field.getKey());
				if (problem != null) {
					throw new InvalidInput("field name at " + name(path) + ": " + problem);
				}
				check(field.getValue(), child);
			}
		}
	}

	private static String name(String path) {
		return path.isEmpty() ? "body" : path;
	}

}
