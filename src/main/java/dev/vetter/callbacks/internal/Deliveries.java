package dev.vetter.callbacks.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.vetter.callbacks.CallbackStream;
import dev.vetter.callbacks.CryptType;
import dev.vetter.callbacks.Delivery;
import dev.vetter.callbacks.DeliveryId;
import dev.vetter.callbacks.DeliveryStatus;

/** The callback outbox and its attempt log. */
@Repository
public class Deliveries {

	public enum Kind {

		REQUEST, TENANT

	}

	public record NewDelivery(DeliveryId id, long tenantId, Kind kind, CallbackStream stream, String taskId,
			String suggestion, String content, String url, String targetHost, CryptType cryptType, String checksum,
			Instant now) {
	}

	/**
	 * A row a worker holds until {@code leaseUntil}.
	 *
	 * @param attempt the number of the attempt about to be made
	 * @param roundAttempt its number within the current round (since creation or the last
	 * resend)
	 * @param abandonedAttempt the previous holder's attempt number when its lease ran
	 * out, else 0
	 */
	public record Claimed(DeliveryId id, long tenantId, Kind kind, CallbackStream stream, String taskId, String content,
			String url, String targetHost, CryptType cryptType, String checksum, int attempt, int roundAttempt,
			Instant roundStartedAt, Instant createdAt, UUID leaseToken, Instant leaseUntil, int abandonedAttempt) {

		@Override
		public String toString() {
			return "Claimed[" + id + ", attempt " + attempt + ", " + url + "]";
		}
	}

	/** What one attempt did and what becomes of the row. */
	public record Completion(Claimed claimed, Instant startedAt, int latencyMs, Integer httpStatus, String outcome,
			String error, String url, String worker, DeliveryStatus status, Instant nextAttemptAt,
			Instant deliveredAt) {
	}

	public enum ResendResult {

		RESENT, NOT_FOUND, IN_FLIGHT

	}

	/*
	 * Due rows, oldest first, skipping hosts this worker has saturated; at most as many
	 * rows per host as the host has free slots here (perHost unless listed in
	 * hosts/free). FOR UPDATE SKIP LOCKED makes concurrent claims disjoint; the lease
	 * (next_attempt_at moved to its end, lease_token set) keeps them disjoint after
	 * commit.
	 */
	private static final String CLAIM = """
			with due as (
			    select id, target_host, next_attempt_at
			    from callback_deliveries
			    where status = 'PENDING' and next_attempt_at <= :now
			      and target_host <> all(cast(:saturated as text[]))
			    order by next_attempt_at
			    limit :scan
			), ranked as (
			    select id, target_host, next_attempt_at,
			           row_number() over (partition by target_host order by next_attempt_at, id) as rn
			    from due
			), capped as (
			    select r.id
			    from ranked r
			    left join unnest(cast(:hosts as text[]), cast(:free as int[])) as cap(host, free) on cap.host = r.target_host
			    where r.rn <= coalesce(cap.free, :perHost)
			), claimable as (
			    select d.id, d.lease_token as previous_lease, d.attempts as previous_attempt
			    from callback_deliveries d
			    join capped c on c.id = d.id
			    where d.status = 'PENDING' and d.next_attempt_at <= :now
			    order by d.next_attempt_at
			    limit :limit
			    for update of d skip locked
			)
			update callback_deliveries d
			set lease_token = :token, leased_by = :worker, next_attempt_at = :leaseUntil,
			    attempts = d.attempts + 1, round_attempts = d.round_attempts + 1
			from claimable
			where d.id = claimable.id
			returning d.id, d.tenant_id, d.kind, d.stream, d.task_id, d.content, d.url, d.target_host, d.crypt_type,
			          d.checksum, d.attempts, d.round_attempts, d.round_started_at, d.created_at,
			          case when claimable.previous_lease is not null then claimable.previous_attempt else 0 end as abandoned
			""";

	private static final String COMPLETE = """
			update callback_deliveries
			set status = :status, next_attempt_at = :next, delivered_at = coalesce(cast(:deliveredAt as timestamptz), delivered_at),
			    lease_token = null, leased_by = null, last_status = :httpStatus, last_error = :error
			where id = :id and lease_token = :token
			""";

	private static final String ATTEMPT = """
			insert into callback_attempts (delivery_id, attempt, started_at, latency_ms, http_status, outcome, error, url, worker)
			values (:id, :attempt, :startedAt, :latencyMs, :httpStatus, :outcome, :error, :url, :worker)
			on conflict (delivery_id, attempt) do nothing
			""";

	private static final String VIEW = """
			select id, task_id, stream, suggestion, kind, url, crypt_type, status, attempts, created_at,
			       case when status = 'PENDING' then next_attempt_at end as next_attempt_at, delivered_at,
			       last_status, last_error
			from callback_deliveries
			""";

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batch;

	Deliveries(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	public void insert(NewDelivery d) {
		jdbc.sql(
				"""
						insert into callback_deliveries (id, tenant_id, kind, stream, task_id, suggestion, content, url, target_host,
						    crypt_type, checksum, status, round_started_at, next_attempt_at, created_at)
						values (:id, :tenant, :kind, :stream, :task, :suggestion, :content, :url, :host,
						    :crypt, :checksum, 'PENDING', :now, :now, :now)
						""")
			.param("id", d.id().value())
			.param("tenant", d.tenantId())
			.param("kind", d.kind().name())
			.param("stream", d.stream().wire())
			.param("task", d.taskId())
			.param("suggestion", d.suggestion())
			.param("content", d.content())
			.param("url", d.url())
			.param("host", d.targetHost())
			.param("crypt", d.cryptType().name())
			.param("checksum", d.checksum())
			.param("now", ts(d.now()))
			.update();
	}

	/**
	 * Records a delivery that is refused before any attempt (its target is not allowed):
	 * {@code EXHAUSTED} with one {@code REFUSED} attempt carrying the reason.
	 */
	public void insertRefused(NewDelivery d, String reason) {
		insert(d);
		jdbc.sql("""
				update callback_deliveries
				set status = 'EXHAUSTED', attempts = 1, round_attempts = 1, next_attempt_at = null, last_error = :error
				where id = :id
				""").param("id", d.id().value()).param("error", reason).update();
		jdbc.sql(ATTEMPT)
			.param("id", d.id().value())
			.param("attempt", 1)
			.param("startedAt", ts(d.now()))
			.param("latencyMs", null)
			.param("httpStatus", null)
			.param("outcome", "REFUSED")
			.param("error", reason)
			.param("url", d.url())
			.param("worker", null)
			.update();
	}

	/**
	 * Claims rows due by {@code dueBy} for {@code lease} from {@code now}.
	 * @param saturated hosts not to claim for
	 * @param hosts hosts with fewer free slots than {@code perHost} ...
	 * @param free ... and their free slots
	 */
	public List<Claimed> claim(Instant dueBy, Instant now, int limit, int perHost, Collection<String> saturated,
			List<String> hosts, List<Integer> free, Duration lease, String worker) {
		UUID token = UUID.randomUUID();
		Instant leaseUntil = now.plus(lease);
		return jdbc.sql(CLAIM)
			.param("now", ts(dueBy))
			.param("saturated", saturated.toArray(String[]::new))
			.param("scan", Math.max(limit * 4, 256))
			.param("hosts", hosts.toArray(String[]::new))
			.param("free", free.toArray(Integer[]::new))
			.param("perHost", perHost)
			.param("limit", limit)
			.param("token", token)
			.param("worker", worker)
			.param("leaseUntil", ts(leaseUntil))
			.query((rs, i) -> new Claimed(new DeliveryId(rs.getObject("id", UUID.class)), rs.getLong("tenant_id"),
					Kind.valueOf(rs.getString("kind")), CallbackStream.of(rs.getString("stream")),
					rs.getString("task_id"), rs.getString("content"), rs.getString("url"), rs.getString("target_host"),
					CryptType.valueOf(rs.getString("crypt_type")), rs.getString("checksum"), rs.getInt("attempts"),
					rs.getInt("round_attempts"), instant(rs, "round_started_at"), instant(rs, "created_at"), token,
					leaseUntil, rs.getInt("abandoned")))
			.list();
	}

	/**
	 * Writes the outcomes of attempts in one round trip per statement; fenced by each
	 * row's lease token.
	 */
	public void complete(List<Completion> completions) {
		if (completions.isEmpty()) {
			return;
		}
		SqlParameterSource[] rows = completions.stream().map(Deliveries::params).toArray(SqlParameterSource[]::new);
		batch.batchUpdate(ATTEMPT, rows);
		batch.batchUpdate(COMPLETE, rows);
	}

	/**
	 * Logs the attempts of workers whose lease ran out before they reported (crashed, or
	 * stalled).
	 */
	public void abandoned(List<Claimed> claimed, Instant now) {
		SqlParameterSource[] rows = claimed.stream()
			.filter(c -> c.abandonedAttempt() > 0)
			.map(c -> new MapSqlParameterSource().addValue("id", c.id().value())
				.addValue("attempt", c.abandonedAttempt())
				.addValue("startedAt", ts(now))
				.addValue("latencyMs", null)
				.addValue("httpStatus", null)
				.addValue("outcome", "ABANDONED")
				.addValue("error", "the worker's lease ran out before it reported; outcome unknown")
				.addValue("url", c.url())
				.addValue("worker", null))
			.toArray(SqlParameterSource[]::new);
		if (rows.length > 0) {
			batch.batchUpdate(ATTEMPT, rows);
		}
	}

	/**
	 * Makes every waiting row of one host due now: the host answers again after failures,
	 * so its backlog drains.
	 */
	public int releaseHost(String targetHost, Instant now) {
		return jdbc.sql("""
				update callback_deliveries set next_attempt_at = :now
				where status = 'PENDING' and target_host = :host and lease_token is null and next_attempt_at > :now
				""").param("host", targetHost).param("now", ts(now)).update();
	}

	/** Points the tenant's pending notification deliveries at its new settings. */
	public int repoint(long tenantId, String url, String targetHost, CryptType cryptType) {
		return jdbc.sql("""
				update callback_deliveries set url = :url, target_host = :host, crypt_type = :crypt
				where tenant_id = :t and kind = 'TENANT' and status = 'PENDING'
				""")
			.param("t", tenantId)
			.param("url", url)
			.param("host", targetHost)
			.param("crypt", cryptType.name())
			.update();
	}

	public List<Delivery> list(long tenantId, DeliveryStatus status, String taskId, int limit) {
		return jdbc.sql(VIEW + """
				where tenant_id = :t
				  and (cast(:status as text) is null or status = :status)
				  and (cast(:task as text) is null or task_id = :task)
				order by created_at desc, id
				limit :limit
				""")
			.param("t", tenantId)
			.param("status", status == null ? null : status.name())
			.param("task", taskId)
			.param("limit", limit)
			.query((rs, i) -> view(rs, List.of()))
			.list();
	}

	public Optional<Delivery> find(long tenantId, DeliveryId id) {
		List<Delivery.Attempt> history = jdbc.sql("""
				select a.attempt, a.started_at, a.latency_ms, a.http_status, a.outcome, a.error, a.url
				from callback_attempts a join callback_deliveries d on d.id = a.delivery_id
				where a.delivery_id = :id and d.tenant_id = :t
				order by a.attempt
				""")
			.param("id", id.value())
			.param("t", tenantId)
			.query((rs, i) -> new Delivery.Attempt(rs.getInt("attempt"), instant(rs, "started_at"),
					(Integer) rs.getObject("latency_ms"), (Integer) rs.getObject("http_status"),
					rs.getString("outcome"), rs.getString("error"), rs.getString("url")))
			.list();
		return jdbc.sql(VIEW + " where tenant_id = :t and id = :id")
			.param("t", tenantId)
			.param("id", id.value())
			.query((rs, i) -> view(rs, history))
			.optional();
	}

	/**
	 * Starts a new round for a delivered or exhausted delivery, or makes a waiting one
	 * due now. A row being sent right now is left alone, so resend never causes a
	 * concurrent second send.
	 */
	public ResendResult resend(long tenantId, DeliveryId id, Instant now) {
		int updated = jdbc.sql("""
				update callback_deliveries
				set status = 'PENDING', round_attempts = 0, round_started_at = :now, next_attempt_at = :now
				where tenant_id = :t and id = :id and lease_token is null
				""").param("t", tenantId).param("id", id.value()).param("now", ts(now)).update();
		if (updated > 0) {
			return ResendResult.RESENT;
		}
		boolean exists = jdbc.sql("select exists (select 1 from callback_deliveries where tenant_id = :t and id = :id)")
			.param("t", tenantId)
			.param("id", id.value())
			.query(Boolean.class)
			.single();
		return exists ? ResendResult.IN_FLIGHT : ResendResult.NOT_FOUND;
	}

	private static MapSqlParameterSource params(Completion c) {
		return new MapSqlParameterSource().addValue("id", c.claimed().id().value())
			.addValue("token", c.claimed().leaseToken())
			.addValue("attempt", c.claimed().attempt())
			.addValue("startedAt", ts(c.startedAt()))
			.addValue("latencyMs", c.latencyMs())
			.addValue("httpStatus", c.httpStatus())
			.addValue("outcome", c.outcome())
			.addValue("error", c.error())
			.addValue("url", c.url())
			.addValue("worker", c.worker())
			.addValue("status", c.status().name())
			.addValue("next", c.nextAttemptAt() == null ? null : ts(c.nextAttemptAt()))
			.addValue("deliveredAt", c.deliveredAt() == null ? null : ts(c.deliveredAt()));
	}

	private static Delivery view(ResultSet rs, List<Delivery.Attempt> history) throws SQLException {
		return new Delivery(new DeliveryId(rs.getObject("id", UUID.class)), rs.getString("task_id"),
				CallbackStream.of(rs.getString("stream")), rs.getString("suggestion"),
				rs.getString("kind").equals(Kind.REQUEST.name()), rs.getString("url"),
				CryptType.valueOf(rs.getString("crypt_type")), DeliveryStatus.valueOf(rs.getString("status")),
				rs.getInt("attempts"), instant(rs, "created_at"), instant(rs, "next_attempt_at"),
				instant(rs, "delivered_at"), (Integer) rs.getObject("last_status"), rs.getString("last_error"),
				history);
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	static OffsetDateTime ts(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
