package dev.vetter.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vetter.support.Api;
import dev.vetter.support.Fixtures;
import dev.vetter.support.IntegrationTest;

/**
 * Operators change the tenants a reviewer works for ({@code PUT
 * /v1/admin/users/{username}/tenants}); the reviewer's next claim follows, and leases on
 * items of a removed tenant go back to the queue.
 */
@IntegrationTest
class UserTenantsTest {

	private static final AtomicInteger SEQ = new AtomicInteger();

	private static final String PASS = "{\"suggestion\":\"pass\",\"labels\":[],\"note\":\"\"}";

	@LocalServerPort
	int port;

	private record Named(String username, Api api) {
	}

	private Named reviewer(long... tenantUids) {
		String name = "team" + SEQ.incrementAndGet() + "x" + System.nanoTime();
		StringBuilder tenants = new StringBuilder("[");
		for (int i = 0; i < tenantUids.length; i++) {
			tenants.append(i == 0 ? "" : ",").append(tenantUids[i]);
		}
		Api.Response r = Api.operator(port)
			.post("/v1/admin/users", "{\"username\":\"" + name
					+ "\",\"password\":\"password-123\",\"roles\":[\"REVIEWER\"],\"tenants\":" + tenants + "]}");
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return new Named(name, new Api(port, name, "password-123"));
	}

	private Api.Response assign(Api as, String username, String json) {
		return as.put("/v1/admin/users/" + username + "/tenants", json);
	}

	private static void submit(Fixtures.TenantKey tenant) {
		Api.Response r = tenant.api()
			.post("/v1/manual-reviews", "{\"kind\":\"text\",\"tasks\":[{\"dataId\":\"t1\",\"content\":\"team "
					+ System.nanoTime() + "\"}]}");
		assertThat(r.status()).as(r.body()).isEqualTo(202);
	}

	@Test
	void aReviewerClaimsFromATenantOnceAddedAndNoLongerOnceRemoved() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey a = fx.manualTenant(1, "[\"abuse\"]");
		Fixtures.TenantKey b = fx.manualTenant(1, "[\"abuse\"]");
		submit(b);
		Named reviewer = reviewer(a.uid());
		Api.Response none = reviewer.api().post("/v1/review/claims", "");
		assertThat(none.status()).as("tenant a has no items: " + none.body()).isEqualTo(204);

		Api.Response added = assign(Api.operator(port), reviewer.username(), "{\"tenants\":[" + b.uid() + "]}");
		assertThat(added.status()).as(added.body()).isEqualTo(200);
		assertThat(added.json().get("username").asString()).isEqualTo(reviewer.username());
		assertThat(added.json().get("tenants").get(0).asLong()).isEqualTo(b.uid());
		assertThat(added.json().get("tenants").size()).isEqualTo(1);
		assertThat(added.json().get("allTenants").asBoolean()).isFalse();
		long item = Fixtures.claim(reviewer.api());

		// b removed while the reviewer holds b's item: the lease goes back to the queue
		Api.Response removed = assign(Api.operator(port), reviewer.username(), "{\"tenants\":[" + a.uid() + "]}");
		assertThat(removed.status()).as(removed.body()).isEqualTo(200);
		assertThat(reviewer.api().post("/v1/review/claims", "").status()).isEqualTo(204);
		assertThat(Fixtures.decide(reviewer.api(), item, PASS).status()).isEqualTo(404);
		Api.Response log = Api.operator(port).get("/v1/review/items/" + item + "/events");
		assertThat(log.body()).contains("RELEASED").contains("review scope changed");
		Api other = fx.reviewer(b.uid());
		assertThat(Fixtures.claim(other)).isEqualTo(item);
		assertThat(Fixtures.decide(other, item, PASS).status()).isEqualTo(200);
	}

	@Test
	void anEmptyListMeansNoTenantAndAllTenantsMeansEvery() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey t = fx.manualTenant(1, "[\"abuse\"]");
		submit(t);
		Named reviewer = reviewer(t.uid());

		Api.Response empty = assign(Api.operator(port), reviewer.username(), "{\"tenants\":[],\"allTenants\":false}");
		assertThat(empty.status()).as(empty.body()).isEqualTo(200);
		assertThat(empty.json().get("tenants").size()).isZero();
		assertThat(reviewer.api().post("/v1/review/claims", "").status()).isEqualTo(204);

		Api.Response all = assign(Api.operator(port), reviewer.username(), "{\"allTenants\":true}");
		assertThat(all.status()).as(all.body()).isEqualTo(200);
		assertThat(all.json().get("allTenants").asBoolean()).isTrue();
		assertThat(reviewer.api().post("/v1/review/claims", "").status()).isEqualTo(200);

		Api.Response back = assign(Api.operator(port), reviewer.username(), "{\"tenants\":[]}");
		assertThat(back.json().get("allTenants").asBoolean()).isFalse();
		assertThat(reviewer.api().post("/v1/review/claims", "").status()).isEqualTo(204);
	}

	@Test
	void badAssignmentsAreRefusedWithAPreciseCode() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey t = fx.tenant();
		Named reviewer = reviewer(t.uid());
		Api operator = Api.operator(port);

		Api.Response unknown = assign(operator, reviewer.username(), "{\"tenants\":[" + t.uid() + ",987654321987]}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.contentType()).startsWith("application/problem+json");
		assertThat(unknown.json().get("code").asString()).isEqualTo("unknown-tenant");
		assertThat(unknown.json().get("detail").asString()).contains("987654321987");

		Api.Response both = assign(operator, reviewer.username(),
				"{\"tenants\":[" + t.uid() + "],\"allTenants\":true}");
		assertThat(both.status()).isEqualTo(400);
		assertThat(both.json().get("code").asString()).isEqualTo("validation-failed");
		Api.Response neither = assign(operator, reviewer.username(), "{}");
		assertThat(neither.status()).isEqualTo(400);
		assertThat(neither.json().get("code").asString()).isEqualTo("validation-failed");

		Api.Response missing = assign(operator, "nobody" + System.nanoTime(), "{\"tenants\":[]}");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.json().get("code").asString()).isEqualTo("not-found");

		String admin = "adm" + System.nanoTime();
		assertThat(operator
			.post("/v1/admin/users",
					"{\"username\":\"" + admin + "\",\"password\":\"password-123\",\"roles\":[\"TENANT_ADMIN\"],"
							+ "\"tenants\":[" + t.uid() + "]}")
			.status()).isEqualTo(201);
		Api.Response fixed = assign(operator, admin, "{\"tenants\":[]}");
		assertThat(fixed.status()).isEqualTo(400);
		assertThat(fixed.json().get("code").asString()).isEqualTo("validation-failed");
	}

	@Test
	void onlyOperatorsChangeAssignments() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey t = fx.tenant();
		Named reviewer = reviewer(t.uid());
		String body = "{\"allTenants\":true}";
		Api tenantAdmin = fx.user("[\"TENANT_ADMIN\"]", t.uid());
		Api lead = fx.lead(t.uid());
		for (Api caller : new Api[] { tenantAdmin, lead, reviewer.api(), t.api() }) {
			Api.Response r = assign(caller, reviewer.username(), body);
			assertThat(r.status()).as(r.body()).isEqualTo(403);
			assertThat(r.json().get("code").asString()).isEqualTo("forbidden");
		}
		Api.Response anonymous = assign(new Api(port, "nobody", "wrong-password"), reviewer.username(), body);
		assertThat(anonymous.status()).isEqualTo(401);
		// still limited to its one tenant
		Api.Response check = assign(Api.operator(port), reviewer.username(), "{\"tenants\":[" + t.uid() + "]}");
		assertThat(check.json().get("allTenants").asBoolean()).isFalse();
	}

}
