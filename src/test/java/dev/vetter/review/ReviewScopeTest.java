package dev.vetter.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vetter.support.Api;
import dev.vetter.support.Fixtures;
import dev.vetter.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * A reviewer's tenants are explicit: none means none, {@code allTenants} means all; an
 * item of a tenant outside the scope answers exactly as a missing item.
 */
@IntegrationTest
class ReviewScopeTest {

	@LocalServerPort
	int port;

	private static void submit(Fixtures.TenantKey tenant) {
		Api.Response r = tenant.api()
			.post("/v1/manual-reviews", "{\"kind\":\"text\",\"tasks\":[{\"dataId\":\"s1\",\"content\":\"scope "
					+ System.nanoTime() + "\"}]}");
		assertThat(r.status()).as(r.body()).isEqualTo(202);
	}

	@Test
	void aReviewerWithNoTenantsSeesNothingAndOneWithAllTenantsSeesEverything() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\"]");
		submit(tenant);

		Api none = fx.user("[\"REVIEWER\"]");
		assertThat(none.post("/v1/review/claims", "").status()).isEqualTo(204);
		Api noneLead = fx.user("[\"REVIEWER\",\"LEAD\"]");
		assertThat(noneLead.post("/v1/review/claims", "").status()).isEqualTo(204);

		Api all = allTenantsReviewer();
		Api.Response claimed = all.post("/v1/review/claims", "");
		assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
	}

	@Test
	void allTenantsAndTenantsTogetherAreRefused() {
		Api.Response r = Api.operator(port)
			.post("/v1/admin/users",
					"{\"username\":\"both" + System.nanoTime()
							+ "\",\"password\":\"password-123\",\"roles\":[\"REVIEWER\"],\"tenants\":[" + Api.TENANT_UID
							+ "],\"allTenants\":true}");
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.json().get("code").asString()).isEqualTo("validation-failed");
	}

	@Test
	void anotherTenantsItemAnswersExactlyLikeAMissingOne() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey mine = fx.manualTenant(1, "[\"abuse\"]");
		Fixtures.TenantKey theirs = fx.manualTenant(1, "[\"abuse\"]");
		submit(theirs);
		long foreign = Fixtures.claim(fx.reviewer(theirs.uid()));
		long missing = foreign + 1_000_000;

		Api reviewer = fx.lead(mine.uid());
		String decision = "{\"suggestion\":\"pass\",\"labels\":[],\"note\":\"\"}";
		assertSameAnswer(Fixtures.decide(reviewer, foreign, decision), Fixtures.decide(reviewer, missing, decision),
				foreign, missing);
		assertSameAnswer(reviewer.post("/v1/review/items/" + foreign + "/release", ""),
				reviewer.post("/v1/review/items/" + missing + "/release", ""), foreign, missing);
		assertSameAnswer(reviewer.get("/v1/review/items/" + foreign + "/events"),
				reviewer.get("/v1/review/items/" + missing + "/events"), foreign, missing);
	}

	private static void assertSameAnswer(Api.Response foreign, Api.Response missing, long foreignId, long missingId) {
		assertThat(foreign.status()).as(foreign.body()).isEqualTo(404);
		assertThat(missing.status()).isEqualTo(404);
		JsonNode a = foreign.json();
		JsonNode b = missing.json();
		assertThat(a.get("code")).isEqualTo(b.get("code"));
		assertThat(a.get("detail").asString().replace(Long.toString(foreignId), "ID"))
			.isEqualTo(b.get("detail").asString().replace(Long.toString(missingId), "ID"));
	}

	private Api allTenantsReviewer() {
		String name = "all" + System.nanoTime();
		Api.Response r = Api.operator(port)
			.post("/v1/admin/users", "{\"username\":\"" + name
					+ "\",\"password\":\"password-123\",\"roles\":[\"REVIEWER\"],\"allTenants\":true}");
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		assertThat(r.json().get("allTenants").asBoolean()).isTrue();
		return new Api(port, name, "password-123");
	}

}
