package dev.vetter.tenancy.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.vetter.tenancy.Role;

@Repository
public class Users {

	/** A stored user. */
	public record User(long id, String username, String passwordHash, Long tenantId, Set<Role> roles) {
	}

	private final JdbcClient jdbc;

	Users(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long create(String username, String passwordHash, Long tenantId, Set<Role> roles) {
		return jdbc.sql("""
				insert into users (username, password_hash, tenant_id, roles)
				values (:username, :hash, :tenant, string_to_array(:roles, ','))
				returning id
				""")
			.param("username", username)
			.param("hash", passwordHash)
			.param("tenant", tenantId)
			.param("roles", roles.stream().map(Enum::name).sorted().collect(Collectors.joining(",")))
			.query(Long.class)
			.single();
	}

	public void updatePassword(String username, String passwordHash) {
		jdbc.sql("update users set password_hash = :hash where username = :username")
			.param("hash", passwordHash)
			.param("username", username)
			.update();
	}

	public Optional<User> byUsername(String username) {
		return jdbc.sql("select id, username, password_hash, tenant_id, roles from users where username = :u")
			.param("u", username)
			.query(Users::map)
			.optional();
	}

	private static User map(ResultSet rs, int row) throws SQLException {
		long tenant = rs.getLong(4);
		Long tenantId = rs.wasNull() ? null : tenant;
		Array array = rs.getArray(5);
		Set<Role> roles = EnumSet.noneOf(Role.class);
		Arrays.stream((String[]) array.getArray()).map(Role::valueOf).forEach(roles::add);
		return new User(rs.getLong(1), rs.getString(2), rs.getString(3), tenantId, roles);
	}

}
