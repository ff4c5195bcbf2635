package dev.vetter.callbacks;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A callback delivery; stable across retries and resends, sent as
 * {@code X-Vetter-Delivery-Id}.
 */
public record DeliveryId(UUID value) {

	public static DeliveryId random() {
		return new DeliveryId(UUID.randomUUID());
	}

	public static DeliveryId parse(String value) {
		try {
			return new DeliveryId(UUID.fromString(value));
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	@JsonValue
	@Override
	public String toString() {
		return value.toString();
	}
}
