package dev.vetter.policy.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PolicyVersions {

	private final JdbcClient jdbc;

	PolicyVersions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Call in the transaction of the change. */
	public void bump(long tenantId) {
		jdbc.sql("""
				insert into policy_versions (tenant_id, version) values (:t, 1)
				on conflict (tenant_id) do update set version = policy_versions.version + 1
				""").param("t", tenantId).update();
	}

	public long current(long tenantId) {
		return jdbc.sql("select coalesce((select version from policy_versions where tenant_id = :t), 0)")
			.param("t", tenantId)
			.query(Long.class)
			.single();
	}

}
