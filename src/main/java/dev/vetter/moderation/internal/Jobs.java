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

	public Optional<String> result(String taskId) {
		return jdbc.sql("select result::text from moderation_jobs where task_id = :id")
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

	/** Finished jobs older than {@code before}; their rows and blobs go. */
	public List<String> finishedBefore(Instant before, int limit) {
		return jdbc.sql("select task_id from moderation_jobs where finished_at < :before order by finished_at limit :n")
			.param("before", Timestamp.from(before))
			.param("n", limit)
			.query(String.class)
			.list();
	}

	public void delete(String taskId) {
		jdbc.sql("delete from moderation_jobs where task_id = :id").param("id", taskId).update();
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
