package dev.vetter.policy.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class BizTypes {

	/** A stored policy, as JSON. */
	public record Stored(String name, String policyJson) {
	}

	private final JdbcClient jdbc;

	BizTypes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void put(long tenantId, String name, String policyJson) {
		jdbc.sql("""
				insert into biz_types (tenant_id, name, policy) values (:t, :name, cast(:policy as jsonb))
				on conflict (tenant_id, name) do update set policy = excluded.policy, updated_at = now()
				""").param("t", tenantId).param("name", name).param("policy", policyJson).update();
	}

	public Optional<Stored> byName(long tenantId, String name) {
		return jdbc.sql("select name, policy::text from biz_types where tenant_id = :t and name = :name")
			.param("t", tenantId)
			.param("name", name)
			.query((rs, n) -> new Stored(rs.getString(1), rs.getString(2)))
			.optional();
	}

	public List<Stored> of(long tenantId) {
		return jdbc.sql("select name, policy::text from biz_types where tenant_id = :t order by name")
			.param("t", tenantId)
			.query((rs, n) -> new Stored(rs.getString(1), rs.getString(2)))
			.list();
	}

	public boolean delete(long tenantId, String name) {
		return jdbc.sql("delete from biz_types where tenant_id = :t and name = :name")
			.param("t", tenantId)
			.param("name", name)
			.update() > 0;
	}

}
