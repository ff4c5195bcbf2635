package dev.vetter.tenancy;

/**
 * An operator changed which tenants a user reviews for. Published inside the change's
 * transaction, so listeners (the review queue giving back leases outside the new scope)
 * act before it commits.
 *
 * @param userId the user
 * @param scope the new scope
 */
public record ReviewScopeChanged(long userId, ReviewScope scope) {
}
