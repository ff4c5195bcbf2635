package dev.vetter.moderation.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vetter.platform.RetentionProperties;

/**
 * Deletes finished tasks past {@code vetter.retention.tasks}, in batches claimed with
 * {@code FOR UPDATE SKIP LOCKED} so several nodes can purge at once, with what belongs to
 * them: the asynchronous job of the same task id and its blobs (media and flagged frames,
 * deleted once the batch committed). Tasks still under review are never purged. The
 * review log keeps its events (it is append-only).
 */
@Component
public class TaskPurge {

	private static final Logger log = LoggerFactory.getLogger(TaskPurge.class);

	/** A purged task: what a hook needs to remove what belongs to it. */
	public record PurgedTask(String taskId, long tenantId, String kind, String blobKey) {
	}

	private static final String PURGE = """
			with doomed as (
			    select task_id from moderation_tasks
			    where status <> 'REVIEWING' and coalesce(completed_at, created_at) < :cutoff
			    order by coalesce(completed_at, created_at)
			    limit :batch
			    for update skip locked
			)
			delete from moderation_tasks t using doomed where t.task_id = doomed.task_id
			returning t.task_id, t.tenant_id, t.kind, t.blob_key
			""";

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final RetentionProperties retention;

	private final Jobs jobs;

	private final JobPurge jobPurge;

	TaskPurge(JdbcClient jdbc, TransactionTemplate tx, Clock clock, RetentionProperties retention, Jobs jobs,
			JobPurge jobPurge) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
		this.retention = retention;
		this.jobs = jobs;
		this.jobPurge = jobPurge;
	}

	/** Purges every finished task past retention, one batch per transaction. */
	@Scheduled(fixedDelayString = "${vetter.retention.interval:1h}",
			initialDelayString = "${vetter.retention.interval:1h}")
	public int purgeExpired() {
		Instant cutoff = clock.instant().minus(retention.tasks());
		int total = retention.inBatches(() -> {
			Batch batch = tx.execute(s -> purgeBatch(cutoff));
			jobPurge.deleteBlobs(batch.blobKeys());
			return batch.tasks().size();
		});
		if (total > 0) {
			log.info("Purged {} tasks finished before {}", total, cutoff);
		}
		return total;
	}

	/** One batch: the tasks deleted and the blobs to delete once it committed. */
	private record Batch(List<PurgedTask> tasks, List<String> blobKeys) {
	}

	private Batch purgeBatch(Instant cutoff) {
		List<PurgedTask> purged = jdbc.sql(PURGE)
			.param("cutoff", Timestamp.from(cutoff))
			.param("batch", retention.batchSize())
			.query((rs, i) -> new PurgedTask(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
			.list();
		return new Batch(purged, forgetWhatBelongsTo(purged));
	}

	/**
	 * Runs in the purge's transaction, after the rows are deleted: removes what else a
	 * task owns (its asynchronous job, if any); returns the blob keys to delete after
	 * commit (the job's media and frames, the image an escalated synchronous scan kept).
	 * A crash in between leaves an unreferenced file, never a row pointing at a missing
	 * blob.
	 */
	private List<String> forgetWhatBelongsTo(List<PurgedTask> purged) {
		List<String> keys = new java.util.ArrayList<>(jobs.forget(purged.stream().map(PurgedTask::taskId).toList()));
		purged.stream().map(PurgedTask::blobKey).filter(k -> k != null).forEach(keys::add);
		return keys;
	}

}
