package dev.vetter.moderation.internal;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.vetter.moderation.TaskSearch;

/** Read-only searches over stored tasks. */
@Repository
public class TaskQueries {

	private final JdbcClient jdbc;

	TaskQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<TaskSearch.Row> recent(long tenantId, TaskSearch.Filter f, int limit) {
		return jdbc
			.sql("""
					select * from (
					  select task_id, kind, mode, data_id, status, content, url,
					         coalesce(machine_result -> 'checks' -> 0 ->> 'suggestion',
					                  machine_result -> 'imageChecks' -> 0 ->> 'suggestion',
					                  machine_result -> 'results' -> 0 ->> 'suggestion') as machine_suggestion,
					         coalesce(machine_result -> 'checks' -> 0 ->> 'label',
					                  machine_result -> 'imageChecks' -> 0 ->> 'label',
					                  machine_result -> 'results' -> 0 ->> 'label') as machine_label,
					         audit_result ->> 'suggestion' as human_suggestion,
					         coalesce(array(select jsonb_array_elements_text(audit_result -> 'labels')), '{}') as human_labels,
					         audit_result ->> 'note' as human_note,
					         created_at, completed_at
					  from moderation_tasks where tenant_id = :tenant
					    and (cast(:kind as text) is null or kind = cast(:kind as text))
					    and (cast(:from as timestamptz) is null or created_at >= cast(:from as timestamptz))
					    and (cast(:to as timestamptz) is null or created_at < cast(:to as timestamptz))
					) t
					where (cast(:suggestion as text) is null
					       or coalesce(human_suggestion, machine_suggestion) = cast(:suggestion as text))
					  and (cast(:label as text) is null or machine_label = cast(:label as text)
					       or cast(:label as text) = any(human_labels))
					order by created_at desc, task_id desc limit :limit
					""")
			.param("tenant", tenantId)
			.param("kind", f.kind())
			.param("from", f.from() == null ? null : Timestamp.from(f.from()))
			.param("to", f.to() == null ? null : Timestamp.from(f.to()))
			.param("suggestion", f.suggestion())
			.param("label", f.label())
			.param("limit", limit)
			.query((rs, n) -> {
				Timestamp completed = rs.getTimestamp(14);
				return new TaskSearch.Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
						rs.getString(10), Arrays.asList((String[]) rs.getArray(11).getArray()), rs.getString(12),
						rs.getTimestamp(13).toInstant(), completed == null ? null : completed.toInstant());
			})
			.list();
	}

}
