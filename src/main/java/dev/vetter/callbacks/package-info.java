/**
 * Callbacks: tenants' notification settings, the outbox of callback deliveries, their
 * signing ({@code checksum = SHA-256 or SM3 of uid + seed + content}, Alibaba's wire
 * format), the workers that send them with retries, the delivery log and resends.
 * <p>
 * Producers (moderation for machine results, review for human verdicts) call
 * {@link dev.vetter.callbacks.Callbacks#enqueue(long, CallbackEvent)} inside the
 * transaction that stores the result, so a result and its delivery commit or roll back
 * together.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Callbacks",
		allowedDependencies = { "platform", "tenancy" })
package dev.vetter.callbacks;
