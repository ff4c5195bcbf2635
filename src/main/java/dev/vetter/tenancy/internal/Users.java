package dev.vetter.tenancy.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.vetter.tenancy.Role;

@Repository
public class Users {

	/** A stored user. */
	public record User(long id, String username, String passwordHash, Long tenantId, Set<Role> roles,
			boolean allTenants) {
	}

	private final JdbcClient jdbc;

	Users(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long create(String username, String passwordHash, Long tenantId, Set<Role> roles) {
		return create(username, passwordHash, tenantId, roles, false);
	}

	public long create(String username, String passwordHash, Long tenantId, Set<Role> roles, boolean allTenants) {
		return jdbc.sql("""
				insert into users (username, password_hash, tenant_id, roles, all_tenants)
				values (:username, :hash, :tenant, string_to_array(:roles, ','), :all)
				returning id
				""")
			.param("all", allTenants)
			.param("username", username)
			.param("hash", passwordHash)
			.param("tenant", tenantId)
			.param("roles", roles.stream().map(Enum::name).sorted().collect(Collectors.joining(",")))
			.query(Long.class)
			.single();
	}

	/**
	 * @return whether the user exists
	 */
	public boolean updatePassword(String username, String passwordHash) {
		return jdbc.sql("update users set password_hash = :hash where username = :username")
			.param("hash", passwordHash)
			.param("username", username)
			.update() == 1;
	}

	/** Sets whether the user reviews for every tenant. */
	public void setAllTenants(long id, boolean allTenants) {
		jdbc.sql("update users set all_tenants = :all where id = :id")
			.param("all", allTenants)
			.param("id", id)
			.update();
	}

	public Optional<User> byId(long id) {
		return jdbc.sql("select id, username, password_hash, tenant_id, roles, all_tenants from users where id = :id")
			.param("id", id)
			.query(Users::map)
			.optional();
	}

	public Optional<User> byUsername(String username) {
		return jdbc
			.sql("select id, username, password_hash, tenant_id, roles, all_tenants from users where username = :u")
			.param("u", username)
			.query(Users::map)
			.optional();
	}

	/** Every user, by name (the operators' console). */
	public List<User> all() {
		return jdbc
			.sql("select id, username, password_hash, tenant_id, roles, all_tenants from users order by username")
			.query(Users::map)
			.list();
	}

	private static User map(ResultSet rs, int row) throws SQLException {
		long tenant = rs.getLong(4);
		Long tenantId = rs.wasNull() ? null : tenant;
		Array array = rs.getArray(5);
		Set<Role> roles = EnumSet.noneOf(Role.class);
		Arrays.stream((String[]) array.getArray()).map(Role::valueOf).forEach(roles::add);
		return new User(rs.getLong(1), rs.getString(2), rs.getString(3), tenantId, roles, rs.getBoolean(6));
	}

}
