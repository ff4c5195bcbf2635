package dev.vetter.tenancy.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.vetter.tenancy.Tenant;

@Repository
public class Tenants {

	private static final String COLUMNS = "select id, uid, name from tenants";

	private final JdbcClient jdbc;

	Tenants(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Tenant create(long uid, String name) {
		long id = jdbc.sql("insert into tenants (uid, name) values (:uid, :name) returning id")
			.param("uid", uid)
			.param("name", name)
			.query(Long.class)
			.single();
		return new Tenant(id, uid, name);
	}

	public Optional<Tenant> byId(long id) {
		return jdbc.sql(COLUMNS + " where id = :id").param("id", id).query(Tenant.class).optional();
	}

	public Optional<Tenant> byUid(long uid) {
		return jdbc.sql(COLUMNS + " where uid = :uid").param("uid", uid).query(Tenant.class).optional();
	}

	public List<Tenant> all() {
		return jdbc.sql(COLUMNS + " order by id").query(Tenant.class).list();
	}

	public boolean any() {
		return jdbc.sql("select exists (select 1 from tenants)").query(Boolean.class).single();
	}

}
