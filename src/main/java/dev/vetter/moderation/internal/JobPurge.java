package dev.vetter.moderation.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vetter.moderation.JobProperties;
import dev.vetter.platform.RetentionProperties;
import dev.vetter.platform.blob.BlobKey;
import dev.vetter.platform.blob.BlobStore;

/**
 * Retention of asynchronous jobs, in batches claimed with {@code FOR UPDATE SKIP LOCKED}
 * (several nodes may purge at once), one transaction per batch, blobs deleted once the
 * batch committed:
 * <ol>
 * <li>a finished job past {@code vetter.jobs.result-retention} loses its result, its
 * callback seed and its blobs (the media, uploaded or fetched, and the flagged frames);
 * its row stays, so its results answer 594;</li>
 * <li>the row itself goes after {@code vetter.retention.tasks}, as stored tasks do (then
 * the task is unknown, 404).</li>
 * </ol>
 * A job in review, or whose task is in review, is never purged.
 */
@Component
public class JobPurge {

	private static final Logger log = LoggerFactory.getLogger(JobPurge.class);

	private final Jobs jobs;

	private final BlobStore blobs;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final RetentionProperties retention;

	private final JobProperties properties;

	JobPurge(Jobs jobs, BlobStore blobs, TransactionTemplate tx, Clock clock, RetentionProperties retention,
			JobProperties properties) {
		this.jobs = jobs;
		this.blobs = blobs;
		this.tx = tx;
		this.clock = clock;
		this.retention = retention;
		this.properties = properties;
	}

	/** Runs both steps until nothing is left; returns how many jobs each step touched. */
	@Scheduled(fixedDelayString = "${vetter.retention.interval:1h}",
			initialDelayString = "${vetter.retention.interval:1h}")
	public Purged purgeExpired() {
		Instant now = clock.instant();
		Instant resultCutoff = now.minus(properties.resultRetention());
		Instant rowCutoff = now.minus(retention.tasks());
		int expired = retention.inBatches(() -> {
			Jobs.Forgotten batch = tx.execute(s -> jobs.expire(resultCutoff, retention.batchSize(), now));
			deleteBlobs(batch.blobKeys());
			return batch.jobs();
		});
		int deleted = retention.inBatches(() -> {
			Jobs.Forgotten batch = tx.execute(s -> jobs.deleteFinished(rowCutoff, retention.batchSize()));
			deleteBlobs(batch.blobKeys());
			return batch.jobs();
		});
		if (expired + deleted > 0) {
			log.info("Jobs: {} results expired (finished before {}), {} rows deleted (finished before {})", expired,
					resultCutoff, deleted, rowCutoff);
		}
		return new Purged(expired, deleted);
	}

	/** Deletes blobs whose rows are gone (committed); a missing blob is fine. */
	void deleteBlobs(List<String> keys) {
		if (!keys.isEmpty()) {
			blobs.deleteAll(keys.stream().map(BlobKey::new).toList());
		}
	}

	/** What one purge run did. */
	public record Purged(int resultsExpired, int rowsDeleted) {
	}

}
