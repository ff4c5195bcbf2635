package dev.vetter.callbacks;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.vetter.platform.InvalidInput;

/**
 * What a callback reports. The wire name is used in notification settings ({@code types})
 * and sent as the {@code X-Vetter-Event} header.
 */
public enum CallbackStream {

	/**
	 * The machine result of an async task, or of a sync task that was escalated to
	 * people.
	 */
	MACHINE_SCAN("machineScan"),

	/**
	 * A human verdict (human-machine review and human-only review). Alibaba's console
	 * calls it {@code selfAudit}.
	 */
	REVIEW("review");

	private final String wire;

	CallbackStream(String wire) {
		this.wire = wire;
	}

	@JsonValue
	public String wire() {
		return wire;
	}

	@JsonCreator
	public static CallbackStream of(String value) {
		String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
		return switch (v) {
			case "machinescan" -> MACHINE_SCAN;
			case "review", "selfaudit" -> REVIEW;
			default -> throw new InvalidInput("types must be machineScan or review");
		};
	}

}
