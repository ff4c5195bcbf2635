package dev.vetter.moderation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tasks with a durable row: escalated machine scans and human-only tasks. */
@Repository
public class Tasks {

	/** A stored task. JSON columns are kept as text. */
	public record Task(String taskId, long tenantId, String kind, String mode, String dataId, String bizType,
			String content, String url, String machineResult, String auditResult, String status, String callbackUrl,
			String callbackSeed, String cryptType, Instant createdAt, Instant completedAt) {
	}

	private final JdbcClient jdbc;

	Tasks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(Task t) {
		jdbc.sql(
				"""
						insert into moderation_tasks (task_id, tenant_id, kind, mode, data_id, biz_type, content, url, machine_result,
						  status, callback_url, callback_seed, crypt_type, created_at)
						values (:id, :tenant, :kind, :mode, :dataId, :bizType, :content, :url, cast(:machine as jsonb),
						  :status, :callback, :seed, :crypt, :created)
						""")
			.param("id", t.taskId())
			.param("tenant", t.tenantId())
			.param("kind", t.kind())
			.param("mode", t.mode())
			.param("dataId", t.dataId())
			.param("bizType", t.bizType())
			.param("content", t.content())
			.param("url", t.url())
			.param("machine", t.machineResult())
			.param("status", t.status())
			.param("callback", t.callbackUrl())
			.param("seed", t.callbackSeed())
			.param("crypt", t.cryptType())
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

	public Optional<Task> byId(long tenantId, String taskId) {
		return jdbc.sql("select * from moderation_tasks where tenant_id = :t and task_id = :id")
			.param("t", tenantId)
			.param("id", taskId)
			.query(Tasks::map)
			.optional();
	}

	/**
	 * Locks the task for the completion; any tenant (the review event names the task).
	 */
	public Optional<Task> lock(String taskId) {
		return jdbc.sql("select * from moderation_tasks where task_id = :id for update")
			.param("id", taskId)
			.query(Tasks::map)
			.optional();
	}

	public boolean complete(String taskId, String auditResultJson, Instant at) {
		return jdbc.sql("""
				update moderation_tasks set audit_result = cast(:audit as jsonb), status = 'DONE', completed_at = :at
				where task_id = :id and status = 'REVIEWING'
				""").param("audit", auditResultJson).param("at", Timestamp.from(at)).param("id", taskId).update() > 0;
	}

	private static Task map(ResultSet rs, int row) throws SQLException {
		Timestamp completed = rs.getTimestamp("completed_at");
		return new Task(rs.getString("task_id"), rs.getLong("tenant_id"), rs.getString("kind"), rs.getString("mode"),
				rs.getString("data_id"), rs.getString("biz_type"), rs.getString("content"), rs.getString("url"),
				rs.getString("machine_result"), rs.getString("audit_result"), rs.getString("status"),
				rs.getString("callback_url"), rs.getString("callback_seed"), rs.getString("crypt_type"),
				rs.getTimestamp("created_at").toInstant(), completed == null ? null : completed.toInstant());
	}

}
