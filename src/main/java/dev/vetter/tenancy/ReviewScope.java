package dev.vetter.tenancy;

import java.util.Set;

/**
 * The tenants whose content a reviewer may see: every tenant only when the user has
 * {@code allTenants} (given at creation or by an operator later); otherwise the assigned
 * ones, and none when none are assigned.
 */
public record ReviewScope(boolean allTenants, Set<Long> tenantIds) {

	public static final ReviewScope NONE = new ReviewScope(false, Set.of());

	public ReviewScope {
		tenantIds = Set.copyOf(tenantIds);
	}

	public boolean includes(long tenantId) {
		return allTenants || tenantIds.contains(tenantId);
	}

}
