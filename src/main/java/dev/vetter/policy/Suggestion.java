package dev.vetter.policy;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The verdict vocabulary of Green: ordered from mildest to most serious. */
public enum Suggestion {

	PASS, REVIEW, BLOCK;

	@JsonValue
	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	public static Suggestion of(String value) {
		if (value == null) {
			return null;
		}
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "pass" -> PASS;
			case "review" -> REVIEW;
			case "block" -> BLOCK;
			default -> throw new IllegalArgumentException("suggestion must be pass, review or block");
		};
	}

	public Suggestion max(Suggestion other) {
		return other != null && other.ordinal() > ordinal() ? other : this;
	}

}
