package dev.vetter.tenancy.internal;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.vetter.platform.crypto.SecretCipher;
import dev.vetter.tenancy.AccessKey;

@Repository
public class AccessKeys {

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	AccessKeys(JdbcClient jdbc, SecretCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	/**
	 * Creates the key, or replaces the secret and owner of an existing key with that id.
	 */
	public void save(String accessKeyId, long tenantId, String secret) {
		jdbc.sql("""
				insert into access_keys (access_key_id, tenant_id, secret_cipher)
				values (:id, :tenant, :secret)
				on conflict (access_key_id) do update
				  set tenant_id = excluded.tenant_id, secret_cipher = excluded.secret_cipher, enabled = true
				""")
			.param("id", accessKeyId)
			.param("tenant", tenantId)
			.param("secret", cipher.encrypt(secret))
			.update();
	}

	public Optional<AccessKey> byId(String accessKeyId) {
		return jdbc
			.sql("select access_key_id, tenant_id, secret_cipher, enabled from access_keys where access_key_id = :id")
			.param("id", accessKeyId)
			.query((rs, n) -> new AccessKey(rs.getString(1), rs.getLong(2), cipher.decrypt(rs.getBytes(3)),
					rs.getBoolean(4)))
			.optional();
	}

	/**
	 * @return whether the key exists
	 */
	public boolean setEnabled(String accessKeyId, boolean enabled) {
		return jdbc.sql("update access_keys set enabled = :enabled where access_key_id = :id")
			.param("enabled", enabled)
			.param("id", accessKeyId)
			.update() == 1;
	}

	/**
	 * @return whether the key existed
	 */
	public boolean delete(String accessKeyId) {
		return jdbc.sql("delete from access_keys where access_key_id = :id").param("id", accessKeyId).update() == 1;
	}

	public boolean exists(String accessKeyId) {
		return jdbc.sql("select exists (select 1 from access_keys where access_key_id = :id)")
			.param("id", accessKeyId)
			.query(Boolean.class)
			.single();
	}

}
