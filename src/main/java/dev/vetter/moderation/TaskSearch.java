package dev.vetter.moderation;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;

import dev.vetter.moderation.internal.TaskQueries;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.InvalidInput;

/**
 * A tenant's recent stored tasks (escalated scans and human-only tasks) with their
 * machine result and human verdict, filtered, for the console. Read-only.
 */
@Service
public class TaskSearch {

	/**
	 * @param kind {@code text}, {@code image}, {@code video} or {@code voice}; null: all
	 * @param suggestion matches the human verdict when there is one, else the machine's
	 * @param label matches the machine's label or one of the human labels
	 * @param from created at or after; null: no bound
	 * @param to created before; null: no bound
	 */
	public record Filter(String kind, String suggestion, String label, Instant from, Instant to) {

		public Filter {
			kind = blankToNull(kind);
			suggestion = blankToNull(suggestion);
			label = blankToNull(label);
			if (kind != null) {
				ContentKind.parse(kind);
			}
			if (suggestion != null && !List.of("pass", "review", "block").contains(suggestion)) {
				throw new InvalidInput("suggestion is pass, review or block");
			}
		}

		private static String blankToNull(String s) {
			return s == null || s.isBlank() ? null : s.strip();
		}
	}

	/**
	 * One stored task.
	 *
	 * @param machineSuggestion null for human-only tasks
	 * @param humanSuggestion null until a person decided
	 */
	public record Row(String taskId, String kind, String mode, String dataId, String status, String content, String url,
			String machineSuggestion, String machineLabel, String humanSuggestion, List<String> humanLabels,
			String humanNote, Instant createdAt, Instant completedAt) {
	}

	private final TaskQueries queries;

	TaskSearch(TaskQueries queries) {
		this.queries = queries;
	}

	/** Newest first, at most {@code limit} (1-500). */
	public List<Row> recent(long tenantId, Filter filter, int limit) {
		if (limit < 1 || limit > 500) {
			throw new InvalidInput("limit must be 1-500");
		}
		return queries.recent(tenantId, filter, limit);
	}

}
