package dev.vetter.api.acs;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Nonces in PostgreSQL, shared by every node behind a load balancer: a replay sent to
 * another node is refused too. One insert per signed request (into an unlogged table: a
 * database crash forgets at most the nonces of the last window). Expired rows are deleted
 * every minute by whichever node gets there.
 */
public class DatabaseNonceStore implements NonceStore {

	private final JdbcClient jdbc;

	private final Clock clock;

	public DatabaseNonceStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public Outcome register(String accessKeyId, String nonce, Instant expires, Instant now) {
		int stored = jdbc.sql("""
				insert into green_nonces (fingerprint, expires_at) values (:fp, :expires)
				on conflict (fingerprint) do update set expires_at = excluded.expires_at
				where green_nonces.expires_at < :now
				""")
			.param("fp", NonceRegistry.fingerprint(accessKeyId, nonce))
			.param("expires", Timestamp.from(expires))
			.param("now", Timestamp.from(now))
			.update();
		return stored == 1 ? Outcome.FRESH : Outcome.REPLAYED;
	}

	@Override
	public long size() {
		return jdbc.sql("select count(*) from green_nonces").query(Long.class).single();
	}

	@Scheduled(fixedDelayString = "60s", initialDelayString = "60s")
	void deleteExpired() {
		jdbc.sql("delete from green_nonces where expires_at < :now")
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

}
