package dev.vetter.tenancy;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;

import dev.vetter.tenancy.internal.Tenants;
import dev.vetter.tenancy.internal.UserTenants;
import dev.vetter.tenancy.internal.Users;

/**
 * Lists of tenants and users for the operators' console. Read-only; changes go through
 * {@link TenantDirectory}.
 */
@Service
public class TenancyListing {

	/**
	 * A user as operators see it (never the password hash).
	 *
	 * @param tenantId a tenant admin's own tenant, else null
	 * @param reviewTenants the tenants a reviewer works for (its team assignments)
	 */
	public record UserSummary(long id, String username, Set<Role> roles, Long tenantId, boolean allTenants,
			Set<Long> reviewTenants) {
	}

	private final Tenants tenants;

	private final Users users;

	private final UserTenants userTenants;

	TenancyListing(Tenants tenants, Users users, UserTenants userTenants) {
		this.tenants = tenants;
		this.users = users;
		this.userTenants = userTenants;
	}

	public List<Tenant> tenants() {
		return tenants.all();
	}

	public List<UserSummary> users() {
		return users.all()
			.stream()
			.map(u -> new UserSummary(u.id(), u.username(), u.roles(), u.tenantId(), u.allTenants(),
					userTenants.of(u.id())))
			.toList();
	}

}
