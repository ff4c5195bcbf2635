package dev.vetter.moderation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.vetter.moderation.AsyncJob;
import dev.vetter.moderation.JobProgress;
import dev.vetter.moderation.JobState;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.crypto.SecretCipher;

import tools.jackson.databind.json.JsonMapper;

/**
 * Rows of {@code moderation_jobs}. State changes are conditional updates: a cancelled job
 * is never moved on by a worker that finishes late.
 */
@Repository
public class Jobs {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	Jobs(JdbcClient jdbc, SecretCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	static String seedBinding(String taskId) {
		return "moderation_jobs/" + taskId;
	}

	public void insert(AsyncJob job, Tasks.RequestCallback callback, String format) {
		jdbc.sql("""
				insert into moderation_jobs (task_id, tenant_id, kind, biz_type, data_id, url, blob_key, params, state,
				  callback_url, callback_seed_cipher, crypt_type, result_format, created_at)
				values (:id, :tenant, :kind, :bizType, :dataId, :url, :blob, cast(:params as jsonb), 'QUEUED',
				  :callback, :seed, :crypt, :format, :created)
				""")
			.param("id", job.taskId())
			.param("tenant", job.tenantId())
			.param("kind", job.kind().wire())
			.param("bizType", job.bizType())
			.param("dataId", job.dataId())
			.param("url", job.url())
			.param("blob", job.blobKey())
			.param("params", job.params())
			.param("callback", callback.url())
			.param("seed", callback.seed() == null ? null : cipher.encrypt(callback.seed(), seedBinding(job.taskId())))
			.param("crypt", callback.cryptType())
			.param("format", format)
			.param("created", Timestamp.from(job.createdAt()))
			.update();
	}

	public Optional<AsyncJob> byId(long tenantId, String taskId) {
		return jdbc.sql("select * from moderation_jobs where tenant_id = :t and task_id = :id")
			.param("t", tenantId)
			.param("id", taskId)
			.query(Jobs::map)
			.optional();
	}

	/** Any tenant: the worker knows only the task id. */
	public Optional<AsyncJob> byId(String taskId) {
		return jdbc.sql("select * from moderation_jobs where task_id = :id")
			.param("id", taskId)
			.query(Jobs::map)
			.optional();
	}

	public Optional<AsyncJob> lock(String taskId) {
		return jdbc.sql("select * from moderation_jobs where task_id = :id for update")
			.param("id", taskId)
			.query(Jobs::map)
			.optional();
	}

	public boolean isCancelled(String taskId) {
		return jdbc.sql("select state = 'CANCELLED' from moderation_jobs where task_id = :id")
			.param("id", taskId)
			.query(Boolean.class)
			.optional()
			.orElse(true);
	}

	/**
	 * The stored result; empty before the machine result and after the result expired.
	 */
	public Optional<String> result(String taskId) {
		return jdbc.sql("select result::text from moderation_jobs where task_id = :id and result is not null")
			.param("id", taskId)
			.query(String.class)
			.optional();
	}

	public Tasks.RequestCallback callback(String taskId) {
		return jdbc
			.sql("select callback_url, callback_seed_cipher, crypt_type from moderation_jobs where task_id = :id")
			.param("id", taskId)
			.query((rs, row) -> {
				byte[] seed = rs.getBytes("callback_seed_cipher");
				return rs.getString("callback_url") == null ? Tasks.RequestCallback.NONE
						: new Tasks.RequestCallback(rs.getString("callback_url"),
								seed == null ? null : cipher.decrypt(seed, seedBinding(taskId)),
								rs.getString("crypt_type"));
			})
			.optional()
			.orElse(Tasks.RequestCallback.NONE);
	}

	public Optional<String> resultFormat(String taskId) {
		return jdbc.sql("select result_format from moderation_jobs where task_id = :id")
			.param("id", taskId)
			.query(String.class)
			.optional();
	}

	/** A worker starts a run: QUEUED or PROCESSING (a retried run) becomes PROCESSING. */
	public boolean start(String taskId, Instant at) {
		return jdbc.sql("""
				update moderation_jobs set state = 'PROCESSING', attempts = attempts + 1,
				  started_at = coalesce(started_at, :at)
				where task_id = :id and state in ('QUEUED', 'PROCESSING')
				""").param("at", Timestamp.from(at)).param("id", taskId).update() > 0;
	}

	/** The job's media is in the blob store under {@code key} (fetched or uploaded). */
	public void setBlob(String taskId, String key) {
		jdbc.sql("update moderation_jobs set blob_key = :key where task_id = :id")
			.param("key", key)
			.param("id", taskId)
			.update();
	}

	/** A flagged frame of the job, kept as a blob. */
	public void addFrame(String taskId, int index, String key) {
		jdbc.sql("""
				insert into moderation_job_blobs (task_id, name, blob_key) values (:id, :name, :key)
				on conflict (task_id, name) do update set blob_key = excluded.blob_key
				""").param("id", taskId).param("name", "frame-" + index).param("key", key).update();
	}

	/** The blob of a job's media ({@code media}) or flagged frame ({@code frame-N}). */
	public Optional<String> blob(long tenantId, String taskId, String name) {
		if ("media".equals(name)) {
			return jdbc.sql("select blob_key from moderation_jobs where tenant_id = :t and task_id = :id")
				.param("t", tenantId)
				.param("id", taskId)
				.query(String.class)
				.optional();
		}
		return jdbc.sql("""
				select b.blob_key from moderation_job_blobs b join moderation_jobs j on j.task_id = b.task_id
				where j.tenant_id = :t and b.task_id = :id and b.name = :name
				""").param("t", tenantId).param("id", taskId).param("name", name).query(String.class).optional();
	}

	public void progress(String taskId, JobProgress progress) {
		jdbc.sql("update moderation_jobs set progress = cast(:p as jsonb) where task_id = :id and state = 'PROCESSING'")
			.param("p", JSON.writeValueAsString(progress))
			.param("id", taskId)
			.update();
	}

	/** The machine result; only a job still PROCESSING takes it. */
	public boolean finish(String taskId, String resultJson, String suggestion, JobState state, Instant at) {
		return jdbc.sql("""
				update moderation_jobs set state = :state, result = cast(:result as jsonb), suggestion = :s,
				  finished_at = :at
				where task_id = :id and state = 'PROCESSING'
				""")
			.param("state", state.name())
			.param("result", resultJson)
			.param("s", suggestion)
			.param("at", Timestamp.from(at))
			.param("id", taskId)
			.update() > 0;
	}

	public boolean fail(String taskId, int code, String message, Instant at) {
		return jdbc.sql("""
				update moderation_jobs set state = 'FAILED', failure_code = :code, failure_msg = :msg, finished_at = :at
				where task_id = :id and state in ('QUEUED', 'PROCESSING')
				""")
			.param("code", code)
			.param("msg", message)
			.param("at", Timestamp.from(at))
			.param("id", taskId)
			.update() > 0;
	}

	/** Cancels a job that has no final state yet. */
	public boolean cancel(String taskId, Instant at) {
		return jdbc.sql("""
				update moderation_jobs set state = 'CANCELLED', finished_at = :at
				where task_id = :id and state in ('QUEUED', 'PROCESSING', 'REVIEWING')
				""").param("at", Timestamp.from(at)).param("id", taskId).update() > 0;
	}

	/** The human verdict arrived: REVIEWING becomes DONE. */
	public boolean reviewed(String taskId) {
		return jdbc.sql("update moderation_jobs set state = 'DONE' where task_id = :id and state = 'REVIEWING'")
			.param("id", taskId)
			.update() > 0;
	}

	/**
	 * Finished jobs (done, failed, cancelled) of which no item is under review: the
	 * purges start from these. A job in review never qualifies (neither does its task).
	 */
	private static final String FINISHED = """
			select task_id from moderation_jobs j
			where j.state in ('DONE', 'FAILED', 'CANCELLED') and j.finished_at < :cutoff %s
			  and not exists (select 1 from moderation_tasks t where t.task_id = j.task_id and t.status = 'REVIEWING')
			order by j.finished_at
			limit :batch
			for update of j skip locked
			""";

	/**
	 * Results past retention: up to {@code batch} finished jobs that finished before
	 * {@code cutoff} lose their result, their callback seed and their blobs (the keys are
	 * returned for the caller to delete once the transaction committed); their rows stay,
	 * so results answer 594. Call in a transaction.
	 * @return the blob keys of the jobs expired; {@code expired} says how many jobs
	 */
	public Forgotten expire(Instant cutoff, int batch, Instant now) {
		List<String> ids = jdbc.sql(FINISHED.formatted("and j.purged_at is null"))
			.param("cutoff", Timestamp.from(cutoff))
			.param("batch", batch)
			.query(String.class)
			.list();
		if (ids.isEmpty()) {
			return new Forgotten(0, List.of());
		}
		List<String> keys = blobKeys(ids);
		jdbc.sql("delete from moderation_job_blobs where task_id in (:ids)").param("ids", ids).update();
		jdbc.sql("""
				update moderation_jobs set blob_key = null, result = null, callback_seed_cipher = null, purged_at = :now
				where task_id in (:ids)
				""").param("now", Timestamp.from(now)).param("ids", ids).update();
		return new Forgotten(ids.size(), keys);
	}

	/**
	 * Rows past retention: up to {@code batch} finished jobs that finished before
	 * {@code cutoff} are deleted with their blob rows. Call in a transaction.
	 */
	public Forgotten deleteFinished(Instant cutoff, int batch) {
		List<String> ids = jdbc.sql(FINISHED.formatted(""))
			.param("cutoff", Timestamp.from(cutoff))
			.param("batch", batch)
			.query(String.class)
			.list();
		return new Forgotten(ids.size(), forget(ids));
	}

	/**
	 * Deletes the jobs with these task ids (a purged task's job) and their blob rows;
	 * returns the blob keys to delete once the transaction committed.
	 */
	public List<String> forget(List<String> taskIds) {
		if (taskIds.isEmpty()) {
			return List.of();
		}
		List<String> keys = blobKeys(taskIds);
		jdbc.sql("delete from moderation_jobs where task_id in (:ids)").param("ids", taskIds).update();
		return keys;
	}

	private List<String> blobKeys(List<String> taskIds) {
		return jdbc.sql("""
				select blob_key from moderation_jobs where task_id in (:ids) and blob_key is not null
				union all
				select blob_key from moderation_job_blobs where task_id in (:ids)
				""").param("ids", taskIds).query(String.class).list();
	}

	/**
	 * What a purge batch removed: how many jobs, and the blobs that belonged to them.
	 */
	public record Forgotten(int jobs, List<String> blobKeys) {
	}

	private static AsyncJob map(ResultSet rs, int row) throws SQLException {
		String progress = rs.getString("progress");
		Integer code = rs.getObject("failure_code") == null ? null : rs.getInt("failure_code");
		return new AsyncJob(rs.getString("task_id"), rs.getLong("tenant_id"), ContentKind.parse(rs.getString("kind")),
				rs.getString("biz_type"), rs.getString("data_id"), rs.getString("url"), rs.getString("blob_key"),
				rs.getString("params"), JobState.valueOf(rs.getString("state")), rs.getInt("attempts"),
				progress == null ? JobProgress.NONE : JSON.readValue(progress, JobProgress.class),
				rs.getString("suggestion"), code, rs.getString("failure_msg"), instant(rs, "created_at"),
				instant(rs, "started_at"), instant(rs, "finished_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

}
