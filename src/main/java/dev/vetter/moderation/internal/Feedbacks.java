package dev.vetter.moderation.internal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.vetter.platform.ContentKind;

/** Recorded corrections ({@code /green/{image,video}/feedback}). */
@Repository
public class Feedbacks {

	/** One correction as stored. */
	public record Stored(long id, ContentKind kind, String taskId, String dataId, String url, String suggestion,
			List<String> scenes, String label, String note, Long libraryId, List<Long> entryIds) {
	}

	private final JdbcClient jdbc;

	Feedbacks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long save(long tenantId, Stored f) {
		return jdbc.sql("""
				insert into feedback (tenant_id, kind, task_id, data_id, url, suggestion, scenes, label, note,
				                      library_id, entry_ids)
				values (:t, :kind, :task, :data, :url, :suggestion, cast(:scenes as text[]), :label, :note,
				        :lib, cast(:entries as bigint[]))
				returning id
				""")
			.param("t", tenantId)
			.param("kind", f.kind().wire())
			.param("task", f.taskId())
			.param("data", f.dataId())
			.param("url", f.url())
			.param("suggestion", f.suggestion())
			.param("scenes", f.scenes().toArray(String[]::new))
			.param("label", f.label())
			.param("note", f.note())
			.param("lib", f.libraryId())
			.param("entries", f.entryIds().toArray(Long[]::new))
			.query(Long.class)
			.single();
	}

}
