package dev.vetter.api.acs;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Per-tenant settings of the Alibaba-compatible adapters. Read only for signed requests
 * that carry no nonce, so the common path touches no row.
 */
@Repository
public class GreenSettings {

	/**
	 * @param requireNonce refuse signed requests without a nonce
	 */
	public record Settings(boolean requireNonce) {
	}

	private final JdbcClient jdbc;

	GreenSettings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Settings of(long tenantId) {
		return jdbc.sql("select require_nonce from green_settings where tenant_id = :t")
			.param("t", tenantId)
			.query(Boolean.class)
			.optional()
			.map(Settings::new)
			.orElse(new Settings(false));
	}

	public Settings save(long tenantId, Settings settings) {
		jdbc.sql("""
				insert into green_settings (tenant_id, require_nonce, updated_at) values (:t, :nonce, now())
				on conflict (tenant_id) do update set require_nonce = excluded.require_nonce, updated_at = now()
				""").param("t", tenantId).param("nonce", settings.requireNonce()).update();
		return settings;
	}

}
