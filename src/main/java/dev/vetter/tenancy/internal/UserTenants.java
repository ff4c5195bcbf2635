package dev.vetter.tenancy.internal;

import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class UserTenants {

	private final JdbcClient jdbc;

	UserTenants(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void assign(long userId, Set<Long> tenantIds) {
		for (Long tenantId : tenantIds) {
			jdbc.sql("insert into user_tenants (user_id, tenant_id) values (:u, :t) on conflict do nothing")
				.param("u", userId)
				.param("t", tenantId)
				.update();
		}
	}

	/** Replaces the user's tenants with these (none when empty). */
	public void replace(long userId, Set<Long> tenantIds) {
		jdbc.sql("delete from user_tenants where user_id = :u").param("u", userId).update();
		assign(userId, tenantIds);
	}

	public Set<Long> of(long userId) {
		return new HashSet<>(jdbc.sql("select tenant_id from user_tenants where user_id = :u")
			.param("u", userId)
			.query(Long.class)
			.list());
	}

}
