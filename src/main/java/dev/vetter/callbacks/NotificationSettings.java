package dev.vetter.callbacks;

import java.time.Instant;
import java.util.Set;

/**
 * A tenant's notification scheme as shown to it: everything but the seed, which is shown
 * once when issued.
 *
 * @param url where results are pushed
 * @param cryptType digest of the checksum
 * @param types which streams are pushed
 * @param suggestions which results are pushed
 * @param updatedAt last change
 */
public record NotificationSettings(String url, CryptType cryptType, Set<CallbackStream> types, Set<String> suggestions,
		Instant updatedAt) {
}
