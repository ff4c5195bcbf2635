package dev.vetter.review;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * One entry of an item's append-only review log.
 *
 * @param type {@code SUBMITTED}, {@code CLAIMED}, {@code LEASE_EXTENDED},
 * {@code RELEASED}, {@code DECIDED}, {@code ESCALATED}, {@code FINALIZED} or
 * {@code WITHDRAWN}
 * @param actor the reviewer's user id, {@code null} for the system
 * @param payload details as JSON (the verdict, the lease end), or {@code null}
 */
public record ReviewLogEntry(long itemId, String type, Long actor, @JsonRawValue String payload, Instant at) {
}
