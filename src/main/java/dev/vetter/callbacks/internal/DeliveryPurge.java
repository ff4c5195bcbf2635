package dev.vetter.callbacks.internal;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vetter.platform.RetentionProperties;

/**
 * Deletes delivered and exhausted callback deliveries (their attempts go with them) past
 * {@code vetter.retention.deliveries}, in batches claimed with {@code FOR UPDATE SKIP
 * LOCKED}. Pending deliveries and rows a worker holds are never purged.
 */
@Component
public class DeliveryPurge {

	private static final Logger log = LoggerFactory.getLogger(DeliveryPurge.class);

	private static final String PURGE = """
			with doomed as (
			    select id from callback_deliveries
			    where status <> 'PENDING' and lease_token is null and created_at < :cutoff
			    order by created_at
			    limit :batch
			    for update skip locked
			)
			delete from callback_deliveries d using doomed where d.id = doomed.id
			""";

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final RetentionProperties retention;

	DeliveryPurge(JdbcClient jdbc, TransactionTemplate tx, Clock clock, RetentionProperties retention) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
		this.retention = retention;
	}

	/** Purges every finished delivery past retention, one batch per transaction. */
	@Scheduled(fixedDelayString = "${vetter.retention.interval:1h}",
			initialDelayString = "${vetter.retention.interval:1h}")
	public int purgeExpired() {
		Instant cutoff = clock.instant().minus(retention.deliveries());
		int total = retention.inBatches(() -> tx.execute(s -> jdbc.sql(PURGE)
			.param("cutoff", Deliveries.ts(cutoff))
			.param("batch", retention.batchSize())
			.update()));
		if (total > 0) {
			log.info("Purged {} callback deliveries created before {}", total, cutoff);
		}
		return total;
	}

}
