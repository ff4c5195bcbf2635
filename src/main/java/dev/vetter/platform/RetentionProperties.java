package dev.vetter.platform;

import java.time.Duration;
import java.util.function.IntSupplier;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long finished rows are kept, and how the purges run.
 *
 * @param tasks stored tasks, counted from their verdict (or creation, when cancelled);
 * keep it longer than {@code vetter.moderation.result-retention}, which answers "expired"
 * meanwhile
 * @param deliveries callback deliveries (and their attempts) that are delivered or
 * exhausted, counted from their creation; pending ones are never purged
 * @param batchSize rows deleted per transaction
 * @param interval pause between two purge runs
 */
@ConfigurationProperties("vetter.retention")
public record RetentionProperties(@DefaultValue("90d") Duration tasks, @DefaultValue("30d") Duration deliveries,
		@DefaultValue("1000") int batchSize, @DefaultValue("1h") Duration interval) {

	public RetentionProperties {
		if (tasks.isNegative() || tasks.isZero() || deliveries.isNegative() || deliveries.isZero()) {
			throw new IllegalArgumentException("vetter.retention.tasks and .deliveries must be positive");
		}
		if (batchSize < 1) {
			throw new IllegalArgumentException("vetter.retention.batch-size must be at least 1");
		}
	}

	/**
	 * Runs one purge batch after another (each its own transaction, done by the caller)
	 * until a batch deletes fewer than {@link #batchSize()} rows.
	 * @param batch deletes at most {@code batchSize} rows and says how many it deleted
	 * @return rows deleted in all
	 */
	public int inBatches(IntSupplier batch) {
		int total = 0;
		int deleted;
		do {
			deleted = batch.getAsInt();
			total += deleted;
		}
		while (deleted == batchSize);
		return total;
	}

}
