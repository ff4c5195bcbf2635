package dev.vetter.moderation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.vetter.platform.ContentKind;
import dev.vetter.platform.crypto.SecretCipher;

/**
 * Tasks with a durable row: escalated machine scans and human-only tasks. A request's
 * callback seed is stored AES-GCM encrypted, bound to the task id (associated data), and
 * cleared once the task's last delivery is signed ({@link #forgetSeed(String)}).
 */
@Repository
public class Tasks {

	/** How a stored task is reviewed. The name is the stored value. */
	public enum Mode {

		/** a machine result escalated to people */
		HUMAN_MACHINE,
		/** every task queued for people; only their verdict is returned */
		HUMAN_ONLY

	}

	/** Where the result will be pushed when it is not the tenant's notification URL. */
	public record RequestCallback(String url, String seed, String cryptType) {

		public static final RequestCallback NONE = new RequestCallback(null, null, null);

	}

	/**
	 * A stored task. JSON columns are kept as text. Build new ones with
	 * {@link #humanMachine} or {@link #humanOnly}.
	 */
	public record Task(String taskId, long tenantId, ContentKind kind, Mode mode, String dataId, String bizType,
			String content, String url, String machineResult, String auditResult, String status,
			RequestCallback callback, Instant createdAt, Instant completedAt) {

		/** An escalated machine result, waiting for people. */
		public static Task humanMachine(String taskId, long tenantId, ContentKind kind, String dataId, String bizType,
				String content, String url, String machineResultJson, RequestCallback callback, Instant createdAt) {
			return new Task(taskId, tenantId, kind, Mode.HUMAN_MACHINE, dataId, bizType, content, url,
					machineResultJson, null, "REVIEWING", callback, createdAt, null);
		}

		/** A human-only task, waiting for people. */
		public static Task humanOnly(String taskId, long tenantId, ContentKind kind, String dataId, String bizType,
				String content, String url, RequestCallback callback, Instant createdAt) {
			return new Task(taskId, tenantId, kind, Mode.HUMAN_ONLY, dataId, bizType, content, url, null, null,
					"REVIEWING", callback, createdAt, null);
		}

	}

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	Tasks(JdbcClient jdbc, SecretCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	/** The associated data that binds a task's encrypted seed to its row. */
	public static String seedBinding(String taskId) {
		return "moderation_tasks/" + taskId;
	}

	public void insert(Task t) {
		jdbc.sql(
				"""
						insert into moderation_tasks (task_id, tenant_id, kind, mode, data_id, biz_type, content, url, machine_result,
						  status, callback_url, callback_seed_cipher, crypt_type, created_at)
						values (:id, :tenant, :kind, :mode, :dataId, :bizType, :content, :url, cast(:machine as jsonb),
						  :status, :callback, :seed, :crypt, :created)
						""")
			.param("id", t.taskId())
			.param("tenant", t.tenantId())
			.param("kind", t.kind().wire())
			.param("mode", t.mode().name())
			.param("dataId", t.dataId())
			.param("bizType", t.bizType())
			.param("content", t.content())
			.param("url", t.url())
			.param("machine", t.machineResult())
			.param("status", t.status())
			.param("callback", t.callback().url())
			.param("seed",
					t.callback().seed() == null ? null : cipher.encrypt(t.callback().seed(), seedBinding(t.taskId())))
			.param("crypt", t.callback().cryptType())
			.param("created", Timestamp.from(t.createdAt()))
			.update();
	}

	/** Records the wire format of the task's callbacks (null: Green API 1.0). */
	public void setResultFormat(String taskId, String format) {
		jdbc.sql("update moderation_tasks set result_format = :format where task_id = :id")
			.param("format", format)
			.param("id", taskId)
			.update();
	}

	public Optional<String> resultFormat(String taskId) {
		return jdbc.sql("select result_format from moderation_tasks where task_id = :id")
			.param("id", taskId)
			.query(String.class)
			.optional();
	}

	/**
	 * Records the media blob the task owns (the image an escalated synchronous scan
	 * fetched); it is deleted with the task.
	 */
	public void setBlob(String taskId, String blobKey) {
		jdbc.sql("update moderation_tasks set blob_key = :key where task_id = :id")
			.param("key", blobKey)
			.param("id", taskId)
			.update();
	}

	/**
	 * Marks a human-only media task as waiting for its media: it gets no review item
	 * until {@link #finishMedia} ran.
	 */
	public void awaitMedia(String taskId) {
		jdbc.sql("update moderation_tasks set media_state = 'FETCHING' where task_id = :id")
			.param("id", taskId)
			.update();
	}

	/**
	 * The task if it still waits for its media (any tenant: the fetch names the task).
	 */
	public Optional<Task> awaitingMedia(String taskId) {
		return jdbc.sql("select * from moderation_tasks where task_id = :id and media_state = 'FETCHING'")
			.param("id", taskId)
			.query(this::map)
			.optional();
	}

	/**
	 * Records the fetch's outcome once: the blob the task now owns, or why there is none.
	 * @return whether the task was waiting (false: another run finished it first)
	 */
	public boolean finishMedia(String taskId, String blobKey, String error) {
		return jdbc.sql("""
				update moderation_tasks set media_state = :state, blob_key = :key, media_error = :error
				where task_id = :id and media_state = 'FETCHING'
				""")
			.param("state", blobKey != null ? "READY" : "FAILED")
			.param("key", blobKey)
			.param("error", error)
			.param("id", taskId)
			.update() > 0;
	}

	/** The media blob the tenant's task owns, if any. */
	public Optional<String> blob(long tenantId, String taskId) {
		return jdbc.sql(
				"select blob_key from moderation_tasks where tenant_id = :t and task_id = :id and blob_key is not null")
			.param("t", tenantId)
			.param("id", taskId)
			.query(String.class)
			.optional();
	}

	public Optional<Task> byId(long tenantId, String taskId) {
		return jdbc.sql("select * from moderation_tasks where tenant_id = :t and task_id = :id")
			.param("t", tenantId)
			.param("id", taskId)
			.query(this::map)
			.optional();
	}

	/**
	 * Locks the task for the completion; any tenant (the review event names the task).
	 */
	public Optional<Task> lock(String taskId) {
		return jdbc.sql("select * from moderation_tasks where task_id = :id for update")
			.param("id", taskId)
			.query(this::map)
			.optional();
	}

	public boolean complete(String taskId, String auditResultJson, Instant at) {
		return jdbc.sql("""
				update moderation_tasks set audit_result = cast(:audit as jsonb), status = 'DONE', completed_at = :at
				where task_id = :id and status = 'REVIEWING'
				""").param("audit", auditResultJson).param("at", Timestamp.from(at)).param("id", taskId).update() > 0;
	}

	/**
	 * Closes a task that waits for people because it was cancelled: it never takes a
	 * verdict afterwards ({@link #complete} needs {@code REVIEWING}).
	 */
	public boolean cancel(String taskId, Instant at) {
		return jdbc.sql("""
				update moderation_tasks set status = 'CANCELLED', completed_at = :at
				where task_id = :id and status = 'REVIEWING'
				""").param("at", Timestamp.from(at)).param("id", taskId).update() > 0;
	}

	/**
	 * Clears the request's callback seed: the task's last delivery is signed (its
	 * checksum stored with it), so the seed is never needed again.
	 */
	public void forgetSeed(String taskId) {
		jdbc.sql("update moderation_tasks set callback_seed_cipher = null where task_id = :id")
			.param("id", taskId)
			.update();
	}

	private Task map(ResultSet rs, int row) throws SQLException {
		Timestamp completed = rs.getTimestamp("completed_at");
		String taskId = rs.getString("task_id");
		byte[] seed = rs.getBytes("callback_seed_cipher");
		RequestCallback callback = rs.getString("callback_url") == null ? RequestCallback.NONE
				: new RequestCallback(rs.getString("callback_url"),
						seed == null ? null : cipher.decrypt(seed, seedBinding(taskId)), rs.getString("crypt_type"));
		return new Task(taskId, rs.getLong("tenant_id"), ContentKind.parse(rs.getString("kind")),
				Mode.valueOf(rs.getString("mode")), rs.getString("data_id"), rs.getString("biz_type"),
				rs.getString("content"), rs.getString("url"), rs.getString("machine_result"),
				rs.getString("audit_result"), rs.getString("status"), callback,
				rs.getTimestamp("created_at").toInstant(), completed == null ? null : completed.toInstant());
	}

}
