package dev.vetter.callbacks;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.vetter.platform.InvalidInput;

/** Where a delivery stands. */
public enum DeliveryStatus {

	/** waiting for its next attempt, or being sent */
	PENDING,
	/** the receiver answered HTTP 200 */
	DELIVERED,
	/** out of attempts (or the target is refused); visible and resendable */
	EXHAUSTED;

	@JsonValue
	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static DeliveryStatus of(String value) {
		for (DeliveryStatus s : values()) {
			if (s.name().equalsIgnoreCase(value)) {
				return s;
			}
		}
		throw new InvalidInput("status must be pending, delivered or exhausted");
	}

}
