package dev.vetter.tenancy.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.vetter.tenancy.ManualReviewAgreement;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class Agreements {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	Agreements(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void save(long tenantId, ManualReviewAgreement a) {
		jdbc.sql("""
				insert into manual_review_agreements
				  (tenant_id, enabled, daily_volume, sla_minutes, criteria, labels, required_reviews, updated_at)
				values (:t, :enabled, :volume, cast(:sla as jsonb), :criteria, :labels, :required, now())
				on conflict (tenant_id) do update set enabled = excluded.enabled, daily_volume = excluded.daily_volume,
				  sla_minutes = excluded.sla_minutes, criteria = excluded.criteria, labels = excluded.labels,
				  required_reviews = excluded.required_reviews, updated_at = now()
				""")
			.param("t", tenantId)
			.param("enabled", a.enabled())
			.param("volume", a.dailyVolume())
			.param("sla", JSON.writeValueAsString(a.slaMinutes()))
			.param("criteria", a.criteria())
			.param("labels", a.labels().toArray(String[]::new))
			.param("required", a.requiredReviews())
			.update();
	}

	public Optional<ManualReviewAgreement> of(long tenantId) {
		return jdbc.sql("""
				select enabled, daily_volume, sla_minutes::text, criteria, labels, required_reviews
				from manual_review_agreements where tenant_id = :t
				""").param("t", tenantId).query(Agreements::map).optional();
	}

	private static ManualReviewAgreement map(ResultSet rs, int row) throws SQLException {
		Map<String, Integer> sla = JSON.readValue(rs.getString(3), new TypeReference<Map<String, Integer>>() {
		});
		return new ManualReviewAgreement(rs.getBoolean(1), rs.getInt(2), sla, rs.getString(4),
				Arrays.asList((String[]) rs.getArray(5).getArray()), rs.getInt(6));
	}

}
