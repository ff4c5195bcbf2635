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
import dev.vetter.platform.blob.BlobKey;
import dev.vetter.platform.blob.BlobStore;

/**
 * Deletes finished tasks past {@code vetter.retention.tasks}, in batches claimed with
 * {@code FOR UPDATE SKIP LOCKED} so several nodes can purge at once. Tasks still under
 * review are never purged. The review log keeps its events (it is append-only).
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

	private final BlobStore blobs;

	TaskPurge(JdbcClient jdbc, TransactionTemplate tx, Clock clock, RetentionProperties retention, BlobStore blobs) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
		this.retention = retention;
		this.blobs = blobs;
	}

	/** Purges every finished task past retention, one batch per transaction. */
	@Scheduled(fixedDelayString = "${vetter.retention.interval:1h}",
			initialDelayString = "${vetter.retention.interval:1h}")
	public int purgeExpired() {
		Instant cutoff = clock.instant().minus(retention.tasks());
		int total = retention.inBatches(() -> {
			List<PurgedTask> purged = tx.execute(s -> purgeBatch(cutoff));
			forgetWhatBelongsTo(purged);
			return purged.size();
		});
		if (total > 0) {
			log.info("Purged {} tasks finished before {}", total, cutoff);
		}
		return total;
	}

	private List<PurgedTask> purgeBatch(Instant cutoff) {
		return jdbc.sql(PURGE)
			.param("cutoff", Timestamp.from(cutoff))
			.param("batch", retention.batchSize())
			.query((rs, i) -> new PurgedTask(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
			.list();
	}

	/**
	 * Runs after the purge's transaction committed: removes what else the tasks owned
	 * (the media blob of an escalated synchronous scan). A crash in between leaves an
	 * unreferenced file, never a row pointing at a missing blob.
	 */
	private void forgetWhatBelongsTo(List<PurgedTask> purged) {
		blobs.deleteAll(purged.stream().map(PurgedTask::blobKey).filter(k -> k != null).map(BlobKey::new).toList());
	}

}
