package dev.vetter.callbacks.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.vetter.callbacks.CryptType;
import dev.vetter.platform.crypto.SecretCipher;

/**
 * Notification settings, one row per tenant. The seed is stored AES-GCM encrypted under
 * the master key, bound to its row by the tenant id (associated data).
 */
@Repository
public class Notifications {

	/**
	 * A stored scheme, seed included: only for signing and for the moment it is issued.
	 */
	public record Row(long tenantId, String url, String seed, CryptType cryptType, List<String> streams,
			List<String> suggestions, Instant updatedAt) {

		@Override
		public String toString() {
			return "Notifications.Row[tenant " + tenantId + ", " + url + "]";
		}
	}

	private static final String SELECT = """
			select tenant_id, url, seed_cipher, crypt_type, streams, suggestions, updated_at from notification_settings
			""";

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	Notifications(JdbcClient jdbc, SecretCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	/** The associated data that binds a tenant's encrypted seed to its row. */
	public static String seedBinding(long tenantId) {
		return "notification_settings/" + tenantId;
	}

	public Optional<Row> of(long tenantId) {
		return jdbc.sql(SELECT + " where tenant_id = :t").param("t", tenantId).query(this::map).optional();
	}

	public Map<Long, Row> of(Collection<Long> tenantIds) {
		if (tenantIds.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql(SELECT + " where tenant_id = any(:ids)")
			.param("ids", tenantIds.toArray(Long[]::new))
			.query(this::map)
			.list()
			.stream()
			.collect(Collectors.toMap(Row::tenantId, Function.identity()));
	}

	/**
	 * Creates the tenant's scheme with {@code newSeed}, or changes an existing one and
	 * keeps its seed.
	 * @return true when it was created (and so {@code newSeed} is now the seed)
	 */
	public boolean put(long tenantId, String url, String newSeed, CryptType cryptType, List<String> streams,
			List<String> suggestions, Instant now) {
		return jdbc
			.sql("""
					insert into notification_settings (tenant_id, url, seed_cipher, crypt_type, streams, suggestions, updated_at)
					values (:t, :url, :seed, :crypt, :streams, :suggestions, :now)
					on conflict (tenant_id) do update
					set url = excluded.url, crypt_type = excluded.crypt_type, streams = excluded.streams,
					    suggestions = excluded.suggestions, updated_at = excluded.updated_at
					returning (xmax = 0) as created
					""")
			.param("t", tenantId)
			.param("url", url)
			.param("seed", cipher.encrypt(newSeed, seedBinding(tenantId)))
			.param("crypt", cryptType.name())
			.param("streams", streams.toArray(String[]::new))
			.param("suggestions", suggestions.toArray(String[]::new))
			.param("now", Deliveries.ts(now))
			.query(Boolean.class)
			.single();
	}

	public boolean rotateSeed(long tenantId, String seed, Instant now) {
		return jdbc.sql("update notification_settings set seed_cipher = :seed, updated_at = :now where tenant_id = :t")
			.param("t", tenantId)
			.param("seed", cipher.encrypt(seed, seedBinding(tenantId)))
			.param("now", Deliveries.ts(now))
			.update() > 0;
	}

	public boolean delete(long tenantId) {
		return jdbc.sql("delete from notification_settings where tenant_id = :t").param("t", tenantId).update() > 0;
	}

	private Row map(ResultSet rs, int row) throws SQLException {
		long tenantId = rs.getLong("tenant_id");
		return new Row(tenantId, rs.getString("url"), cipher.decrypt(rs.getBytes("seed_cipher"), seedBinding(tenantId)),
				CryptType.valueOf(rs.getString("crypt_type")), strings(rs.getArray("streams")),
				strings(rs.getArray("suggestions")), rs.getTimestamp("updated_at").toInstant());
	}

	static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

}
