package dev.vetter.review.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.vetter.review.ReviewLogEntry;

/** The append-only review event log. Rows are only ever inserted. */
@Repository
public class ReviewEvents {

	private final JdbcClient jdbc;

	ReviewEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void append(long itemId, String type, Long actor, String payloadJson, Instant at) {
		jdbc.sql("""
				insert into review_events (item_id, type, actor, payload, at)
				values (:item, :type, :actor, cast(:payload as jsonb), :at)
				""")
			.param("item", itemId)
			.param("type", type)
			.param("actor", actor)
			.param("payload", payloadJson)
			.param("at", Timestamp.from(at))
			.update();
	}

	public List<ReviewLogEntry> of(long itemId) {
		return jdbc
			.sql("select item_id, type, actor, payload::text, at from review_events where item_id = :i order by id")
			.param("i", itemId)
			.query((rs, n) -> {
				long actor = rs.getLong(3);
				return new ReviewLogEntry(rs.getLong(1), rs.getString(2), rs.wasNull() ? null : actor, rs.getString(4),
						rs.getTimestamp(5).toInstant());
			})
			.list();
	}

}
