package dev.vetter.review.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.vetter.platform.ContentKind;
import dev.vetter.review.ClaimedItem;
import dev.vetter.review.ReviewSubmission;
import dev.vetter.review.Verdict;

@Repository
public class ReviewItems {

	private static final String RETURNING = """
			returning i.id, i.task_id, i.kind, i.content::text, i.criteria, i.allowed_labels, i.deadline, i.lease_until,
			          i.required_reviews, i.status
			""";

	/**
	 * Claims the next free item and logs the claim, in one statement. The status is
	 * written into the SQL (not bound) so the planner uses the partial queue indexes.
	 */
	private static final String CLAIM = """
			with picked as (
			  update review_items i set claimed_by = :me, lease_until = :until
			  where i.id = (
			    select r.id from review_items r
			    where r.status = '%s'
			      and (r.lease_until is null or r.lease_until <= :now)
			      and (cast(:unrestricted as boolean) or r.tenant_id = any(cast(:tenants as bigint[])))
			      -- a single-review pending item has no decisions; otherwise probe the primary key per candidate
			      -- (the OR keeps PostgreSQL from turning this into an anti-join over all of my decisions)
			      and (r.required_reviews = 1 and r.status = 'PENDING'
			           or not exists (select 1 from review_decisions d where d.item_id = r.id and d.reviewer_id = :me))
			    order by r.deadline, r.priority desc, r.id
			    limit 1
			    for update skip locked)
			  %s
			), logged as (
			  insert into review_events (item_id, type, actor, payload, at)
			  select id, 'CLAIMED', :me, cast(:payload as jsonb), :now from picked
			)
			select * from picked
			""";

	/**
	 * The item this reviewer holds with a live lease: lease extended and logged, in one
	 * statement.
	 */
	private static final String EXTEND_HELD = """
			with held as (
			  select id from review_items
			  where claimed_by = :me and lease_until > :now and status in ('PENDING', 'ESCALATED')
			  order by lease_until desc limit 1
			  for update
			), extended as (
			  update review_items i set lease_until = :until from held where i.id = held.id
			  %s
			), logged as (
			  insert into review_events (item_id, type, actor, payload, at)
			  select id, 'LEASE_EXTENDED', :me, cast(:payload as jsonb), :now from extended
			)
			select * from extended
			""".formatted(RETURNING);

	private static final String CLAIM_PENDING = CLAIM.formatted("PENDING", RETURNING);

	private static final String CLAIM_ESCALATED = CLAIM.formatted("ESCALATED", RETURNING);

	private final JdbcClient jdbc;

	ReviewItems(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long insert(ReviewSubmission s, Instant now) {
		return jdbc
			.sql("""
					insert into review_items (tenant_id, task_id, kind, content, criteria, allowed_labels, priority, deadline,
					                          required_reviews, status, created_at)
					values (:tenant, :task, :kind, cast(:content as jsonb), :criteria, :labels, :priority, :deadline,
					        :required, 'PENDING', :now)
					returning id
					""")
			.param("tenant", s.tenantId())
			.param("task", s.taskId())
			.param("kind", s.kind().wire())
			.param("content", s.contentJson())
			.param("criteria", s.criteria() == null ? "" : s.criteria())
			.param("labels", s.allowedLabels().toArray(String[]::new))
			.param("priority", s.priority())
			.param("deadline", Timestamp.from(s.deadline()))
			.param("required", s.requiredReviews())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
	}

	/** Extends the lease of the item this reviewer holds, if any, and logs it. */
	public Optional<ClaimedItem> extendHeld(long reviewerId, Instant now, Instant until) {
		return jdbc.sql(EXTEND_HELD)
			.param("me", reviewerId)
			.param("now", Timestamp.from(now))
			.param("until", Timestamp.from(until))
			.param("payload", "{\"leaseUntil\":\"" + until + "\"}")
			.query(ReviewItems::claimed)
			.optional();
	}

	/**
	 * Gives back, and logs as released, the live leases this reviewer holds on open items
	 * outside the scope (their tenant was taken from the reviewer); the ids released.
	 */
	public List<Long> releaseOutsideScope(long reviewerId, boolean allTenants, Long[] tenants, Instant now,
			String payloadJson) {
		return jdbc.sql("""
				with released as (
				  update review_items set claimed_by = null, lease_until = null
				  where claimed_by = :me and lease_until > :now and status in ('PENDING', 'ESCALATED')
				    and not (cast(:unrestricted as boolean) or tenant_id = any(cast(:tenants as bigint[])))
				  returning id
				), logged as (
				  insert into review_events (item_id, type, actor, payload, at)
				  select id, 'RELEASED', null, cast(:payload as jsonb), :now from released
				)
				select id from released
				""")
			.param("me", reviewerId)
			.param("now", Timestamp.from(now))
			.param("unrestricted", allTenants)
			.param("tenants", tenants)
			.param("payload", payloadJson)
			.query(Long.class)
			.list();
	}

	/** Claims the next free item of the given status in queue order, or nothing. */
	public Optional<ClaimedItem> claimNext(String status, long reviewerId, boolean allTenants, Long[] tenants,
			Instant now, Instant until) {
		return jdbc.sql(switch (status) {
			case "PENDING" -> CLAIM_PENDING;
			case "ESCALATED" -> CLAIM_ESCALATED;
			default -> throw new IllegalArgumentException(status);
		})
			.param("me", reviewerId)
			.param("until", Timestamp.from(until))
			.param("now", Timestamp.from(now))
			.param("unrestricted", allTenants)
			.param("tenants", tenants)
			.param("payload", "{\"leaseUntil\":\"" + until + "\"}")
			.query(ReviewItems::claimed)
			.optional();
	}

	/**
	 * As {@link #CLAIM_PENDING}, limited to one content kind when {@code :kind} is given
	 * (the console's image grid and its prefetch claim ahead with it).
	 */
	private static final String CLAIM_PENDING_OF_KIND = CLAIM_PENDING.replace("order by r.deadline",
			"and (cast(:kind as text) is null or r.kind = cast(:kind as text))\n    order by r.deadline");

	/**
	 * Claims the next free pending item, of {@code kind} when not null, whatever the
	 * reviewer holds already; or nothing.
	 */
	public Optional<ClaimedItem> claimNextOfKind(String kind, long reviewerId, boolean allTenants, Long[] tenants,
			Instant now, Instant until) {
		return jdbc.sql(CLAIM_PENDING_OF_KIND)
			.param("me", reviewerId)
			.param("until", Timestamp.from(until))
			.param("now", Timestamp.from(now))
			.param("unrestricted", allTenants)
			.param("tenants", tenants)
			.param("kind", kind)
			.param("payload", "{\"leaseUntil\":\"" + until + "\"}")
			.query(ReviewItems::claimed)
			.optional();
	}

	/**
	 * Every pending item of {@code kind} this reviewer holds with a live lease: leases
	 * extended and logged, in one statement.
	 */
	private static final String EXTEND_HELD_OF_KIND = """
			with extended as (
			  update review_items i set lease_until = :until
			  where claimed_by = :me and lease_until > :now and status = 'PENDING' and kind = :kind
			  %s
			), logged as (
			  insert into review_events (item_id, type, actor, payload, at)
			  select id, 'LEASE_EXTENDED', :me, cast(:payload as jsonb), :now from extended
			)
			select * from extended order by deadline, id
			""".formatted(RETURNING);

	/** The pending items of this kind the reviewer holds, leases extended and logged. */
	public List<ClaimedItem> extendHeldOfKind(String kind, long reviewerId, Instant now, Instant until) {
		return jdbc.sql(EXTEND_HELD_OF_KIND)
			.param("me", reviewerId)
			.param("kind", kind)
			.param("now", Timestamp.from(now))
			.param("until", Timestamp.from(until))
			.param("payload", "{\"leaseUntil\":\"" + until + "\"}")
			.query(ReviewItems::claimed)
			.list();
	}

	private static ClaimedItem claimed(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new ClaimedItem(rs.getLong(1), rs.getString(2), ContentKind.parse(rs.getString(3)), rs.getString(4),
				rs.getString(5), Arrays.asList((String[]) rs.getArray(6).getArray()), rs.getTimestamp(7).toInstant(),
				rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant(), rs.getInt(9),
				"ESCALATED".equals(rs.getString(10)));
	}

	/**
	 * Loads the item with its decisions for a state change, locking its row; one round
	 * trip.
	 */
	public Optional<ReviewItem> lock(long id) {
		return jdbc.sql("""
				select i.id, i.tenant_id, i.task_id, i.kind, i.status, i.claimed_by, i.lease_until, i.required_reviews,
				       i.allowed_labels, d.reviewers, d.suggestions, d.labels, d.notes, d.leads, d.ats
				from review_items i
				left join lateral (
				  select array_agg(reviewer_id order by decided_at, reviewer_id) as reviewers,
				         array_agg(suggestion order by decided_at, reviewer_id) as suggestions,
				         array_agg(array_to_string(labels, ',') order by decided_at, reviewer_id) as labels,
				         array_agg(note order by decided_at, reviewer_id) as notes,
				         array_agg(lead order by decided_at, reviewer_id) as leads,
				         array_agg(decided_at order by decided_at, reviewer_id) as ats
				  from review_decisions where item_id = i.id) d on true
				where i.id = :id
				for update of i
				""").param("id", id).query((rs, n) -> {
			long claimed = rs.getLong(6);
			Long claimedBy = rs.wasNull() ? null : claimed;
			Timestamp lease = rs.getTimestamp(7);
			List<ReviewItem.Decision> decisions = new java.util.ArrayList<>();
			java.sql.Array reviewers = rs.getArray(10);
			if (reviewers != null) {
				Long[] who = (Long[]) reviewers.getArray();
				String[] suggestions = (String[]) rs.getArray(11).getArray();
				String[] labels = (String[]) rs.getArray(12).getArray();
				String[] notes = (String[]) rs.getArray(13).getArray();
				Boolean[] leads = (Boolean[]) rs.getArray(14).getArray();
				Timestamp[] ats = (Timestamp[]) rs.getArray(15).getArray();
				for (int k = 0; k < who.length; k++) {
					List<String> l = labels[k] == null || labels[k].isEmpty() ? List.of()
							: List.of(labels[k].split(","));
					decisions.add(new ReviewItem.Decision(who[k], new Verdict(suggestions[k], l, notes[k]), leads[k],
							ats[k].toInstant()));
				}
			}
			return new ReviewItem(rs.getLong(1), rs.getLong(2), rs.getString(3), ContentKind.parse(rs.getString(4)),
					ReviewItem.Status.valueOf(rs.getString(5)), claimedBy, lease == null ? null : lease.toInstant(),
					rs.getInt(8), Arrays.asList((String[]) rs.getArray(9).getArray()), decisions);
		}).optional();
	}

	/** Queue state of one tenant (internal id). */
	public record QueueRow(long tenantId, long pending, long escalated, long overdue, long claimed, Instant oldest) {
	}

	/**
	 * Queue state per tenant: items waiting, escalated, past their deadline, and the
	 * earliest deadline.
	 */
	public List<QueueRow> stats(Instant now) {
		return jdbc.sql("""
				select tenant_id,
				       count(*) filter (where status = 'PENDING') as pending,
				       count(*) filter (where status = 'ESCALATED') as escalated,
				       count(*) filter (where deadline < :now) as overdue,
				       count(*) filter (where lease_until > :now) as claimed,
				       min(deadline) as oldest
				from review_items where status in ('PENDING', 'ESCALATED')
				group by tenant_id order by tenant_id
				""")
			.param("now", Timestamp.from(now))
			.query((rs, n) -> new QueueRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
					rs.getTimestamp(6).toInstant()))
			.list();
	}

	/** What decides who may see an item: its tenant and status (and its task). */
	public record Visibility(long tenantId, String taskId, ContentKind kind, String status) {
	}

	public Optional<Visibility> visibility(long itemId) {
		return jdbc.sql("select tenant_id, task_id, kind, status from review_items where id = :id")
			.param("id", itemId)
			.query((rs, n) -> new Visibility(rs.getLong(1), rs.getString(2), ContentKind.parse(rs.getString(3)),
					rs.getString(4)))
			.optional();
	}

	public Optional<Long> tenantOf(long itemId) {
		return jdbc.sql("select tenant_id from review_items where id = :id")
			.param("id", itemId)
			.query(Long.class)
			.optional();
	}

	public Optional<Long> idOfTask(String taskId) {
		return jdbc.sql("select id from review_items where task_id = :t")
			.param("t", taskId)
			.query(Long.class)
			.optional();
	}

	/**
	 * Writes, in one statement, the decision the aggregate just recorded, the state it is
	 * in, and the log entries: {@code DECIDED} and, when there is one, the outcome
	 * ({@code ESCALATED} or {@code FINALIZED}).
	 */
	public void saveDecision(ReviewItem item, String decisionJson, String outcomeType, String outcomeJson) {
		ReviewItem.Decision d = item.lastDecision();
		Verdict v = item.finalVerdict;
		jdbc.sql("""
				with decision as (
				  insert into review_decisions (item_id, reviewer_id, suggestion, labels, note, lead, decided_at)
				  values (:id, :reviewer, :suggestion, :labels, :note, :lead, :at)
				), state as (
				  update review_items set status = :status, claimed_by = null, lease_until = null,
				    final_suggestion = :fs, final_labels = :fl, final_note = :fn, decided_at = :decided
				  where id = :id
				), logged as (
				  insert into review_events (item_id, type, actor, payload, at)
				  select cast(:id as bigint), 'DECIDED', cast(:reviewer as bigint), cast(:decision as jsonb),
				         cast(:at as timestamptz)
				  union all
				  select cast(:id as bigint), cast(:outcome as text), null, cast(:outcomePayload as jsonb),
				         cast(:at as timestamptz)
				  where cast(:outcome as text) is not null
				)
				select 1
				""")
			.param("id", item.id)
			.param("reviewer", d.reviewerId())
			.param("suggestion", d.verdict().suggestion())
			.param("labels", d.verdict().labels().toArray(String[]::new))
			.param("note", d.verdict().note())
			.param("lead", d.lead())
			.param("at", Timestamp.from(d.at()))
			.param("status", item.status.name())
			.param("fs", v == null ? null : v.suggestion())
			.param("fl", v == null ? null : v.labels().toArray(String[]::new))
			.param("fn", v == null ? null : v.note())
			.param("decided", v == null ? null : Timestamp.from(d.at()))
			.param("decision", decisionJson)
			.param("outcome", outcomeType)
			.param("outcomePayload", outcomeJson)
			.query(Integer.class)
			.single();
	}

	public void saveState(ReviewItem item, Instant now) {
		Verdict v = item.finalVerdict;
		jdbc.sql("""
				update review_items set status = :status, claimed_by = :claimed, lease_until = :lease,
				  final_suggestion = :fs, final_labels = :fl, final_note = :fn, decided_at = :decided
				where id = :id
				""")
			.param("status", item.status.name())
			.param("claimed", item.claimedBy)
			.param("lease", item.leaseUntil == null ? null : Timestamp.from(item.leaseUntil))
			.param("fs", v == null ? null : v.suggestion())
			.param("fl", v == null ? null : v.labels().toArray(String[]::new))
			.param("fn", v == null ? null : v.note())
			.param("decided", v == null ? null : Timestamp.from(now))
			.param("id", item.id)
			.update();
	}

	/** Takes a not-yet-decided item out of the queue (its task was cancelled). */
	public boolean withdraw(String taskId) {
		return jdbc.sql("""
				update review_items set status = 'WITHDRAWN', claimed_by = null, lease_until = null
				where task_id = :t and status in ('PENDING', 'ESCALATED')
				""").param("t", taskId).update() > 0;
	}

}
