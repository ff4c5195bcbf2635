package dev.vetter.tenancy;

import java.util.Set;

/**
 * Who is calling: a tenant through one of its access keys, or a user.
 *
 * @param tenantId the tenant acted for; {@code null} for users not bound to a tenant
 * (operators, reviewers)
 * @param principal access key id or username
 * @param roles roles of a user; empty for access keys
 * @param userId the user's id, {@code null} for access keys
 */
public record Caller(Long tenantId, String principal, Set<Role> roles, Long userId) {

	public Caller {
		roles = Set.copyOf(roles);
	}

	public static Caller accessKey(long tenantId, String accessKeyId) {
		return new Caller(tenantId, accessKeyId, Set.of(), null);
	}

	public boolean viaAccessKey() {
		return userId == null;
	}

	public boolean has(Role role) {
		return roles.contains(role);
	}

	/**
	 * The tenant this caller may manage: its access key's tenant, or a tenant admin's
	 * tenant.
	 */
	public boolean actsForTenant() {
		return tenantId != null && (viaAccessKey() || has(Role.TENANT_ADMIN));
	}

	/**
	 * The tenant this caller acts for. The security configuration lets only such callers
	 * reach tenant endpoints, so anything else is a programming error.
	 */
	public long tenant() {
		if (!actsForTenant()) {
			throw new IllegalStateException(principal + " acts for no tenant");
		}
		return tenantId;
	}
}
