package dev.vetter.review.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.vetter.review.EarlierDecision;
import dev.vetter.review.EscalatedItem;
import dev.vetter.review.QueueDashboard;

/** Read-only queries over the queue for dashboards; they change nothing. */
@Repository
public class ReviewReports {

	/** Turnaround percentiles over a period; null when nothing was decided. */
	public record Turnaround(Duration p50, Duration p95, long decided) {
	}

	private final JdbcClient jdbc;

	ReviewReports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<QueueDashboard.Queue> queues(Instant now, Instant riskUntil) {
		return jdbc.sql("""
				select tenant_id, kind,
				       count(*) filter (where status = 'PENDING') as pending,
				       count(*) filter (where status = 'ESCALATED') as escalated,
				       min(created_at) as oldest,
				       count(*) filter (where deadline >= :now and deadline < :risk) as at_risk,
				       count(*) filter (where deadline < :now) as overdue
				from review_items where status in ('PENDING', 'ESCALATED')
				group by tenant_id, kind order by tenant_id, kind
				""")
			.param("now", Timestamp.from(now))
			.param("risk", Timestamp.from(riskUntil))
			.query((rs, n) -> new QueueDashboard.Queue(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
					rs.getTimestamp(5).toInstant(), rs.getLong(6), rs.getLong(7)))
			.list();
	}

	public Turnaround turnaround(Instant since) {
		return jdbc.sql("""
				select percentile_cont(0.5) within group (order by extract(epoch from decided_at - created_at)),
				       percentile_cont(0.95) within group (order by extract(epoch from decided_at - created_at)),
				       count(*)
				from review_items where status = 'DECIDED' and decided_at >= :since
				""").param("since", Timestamp.from(since)).query((rs, n) -> {
			double p50 = rs.getDouble(1);
			boolean none = rs.wasNull();
			double p95 = rs.getDouble(2);
			return new Turnaround(none ? null : seconds(p50), none ? null : seconds(p95), rs.getLong(3));
		}).single();
	}

	public List<QueueDashboard.ReviewerHour> reviewerHours(Instant since) {
		return jdbc.sql("""
				select reviewer_id, date_trunc('hour', decided_at) as hour, count(*)
				from review_decisions where decided_at >= :since
				group by reviewer_id, hour order by hour desc, reviewer_id
				""")
			.param("since", Timestamp.from(since))
			.query((rs, n) -> new QueueDashboard.ReviewerHour(rs.getLong(1), rs.getTimestamp(2).toInstant(),
					rs.getLong(3)))
			.list();
	}

	public List<EscalatedItem> escalated(boolean allTenants, Long[] tenants, int limit) {
		List<EscalatedItem> items = jdbc.sql("""
				select id, tenant_id, task_id, kind, deadline from review_items
				where status = 'ESCALATED'
				  and (cast(:unrestricted as boolean) or tenant_id = any(cast(:tenants as bigint[])))
				order by deadline, priority desc, id limit :limit
				""")
			.param("unrestricted", allTenants)
			.param("tenants", tenants)
			.param("limit", limit)
			.query((rs, n) -> new EscalatedItem(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant(), List.of()))
			.list();
		return items.stream()
			.map(i -> new EscalatedItem(i.id(), i.tenantId(), i.taskId(), i.kind(), i.deadline(), decisions(i.id())))
			.toList();
	}

	public Optional<Long> tenantOf(long itemId) {
		return jdbc.sql("select tenant_id from review_items where id = :id")
			.param("id", itemId)
			.query(Long.class)
			.optional();
	}

	public List<EarlierDecision> decisions(long itemId) {
		return jdbc.sql("""
				select reviewer_id, suggestion, labels, note, lead, decided_at from review_decisions
				where item_id = :id order by decided_at, reviewer_id
				""")
			.param("id", itemId)
			.query((rs, n) -> new EarlierDecision(rs.getLong(1), rs.getString(2),
					Arrays.asList((String[]) rs.getArray(3).getArray()), rs.getString(4), rs.getBoolean(5),
					rs.getTimestamp(6).toInstant()))
			.list();
	}

	private static Duration seconds(double s) {
		return Duration.ofMillis(Math.round(s * 1000));
	}

}
