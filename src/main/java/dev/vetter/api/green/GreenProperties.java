package dev.vetter.api.green;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the Green adapter.
 *
 * @param maxBody largest request body accepted (larger: HTTP 413 before any parsing)
 * (tasks per request and characters per text are {@code ModerationProperties}, the same
 * for both APIs)
 * @param clockSkew how far the {@code Date} header may be from the server's clock
 * @param nonceCapacity how many nonces are remembered at most; past that, requests answer
 * 503 until old ones expire (protects memory under a flood)
 */
@ConfigurationProperties("vetter.green")
public record GreenProperties(@DefaultValue("4MB") DataSize maxBody, @DefaultValue("15m") Duration clockSkew,
		@DefaultValue("20000000") int nonceCapacity, @DefaultValue("memory") String nonceStore) {
}
