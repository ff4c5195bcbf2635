package dev.vetter.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

/**
 * Creates isolated tenants and users through the operator API, so tests do not see each
 * other's queues.
 */
public final class Fixtures {

	private static final AtomicInteger SEQ = new AtomicInteger();

	private final int port;

	public Fixtures(int port) {
		this.port = port;
	}

	/** A tenant with its access key. */
	public record TenantKey(long uid, String accessKeyId, String secret, Api api, GreenSdk sdk) {
	}

	public TenantKey tenant() {
		JsonNode t = Api.operator(port)
			.post("/v1/admin/tenants", "{\"name\":\"fixture " + SEQ.incrementAndGet() + "\"}")
			.json();
		String id = t.get("accessKeyId").asString();
		String secret = t.get("accessKeySecret").asString();
		return new TenantKey(t.get("uid").asLong(), id, secret, new Api(port, id, secret),
				new GreenSdk(port, id, secret));
	}

	/**
	 * Creates a TEXT library with action REVIEW holding {@code words} for the tenant
	 * behind {@code tenant}.
	 * @return the library id
	 */
	public static long reviewWords(Api tenant, String name, String... words) {
		Api.Response created = tenant.post("/v1/libraries",
				"{\"name\":\"" + name + "\",\"kind\":\"TEXT\",\"action\":\"REVIEW\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long id = created.json().get("id").asLong();
		String entries = String.join("\",\"", words);
		Api.Response added = tenant.post("/v1/libraries/" + id + "/entries", "{\"entries\":[\"" + entries + "\"]}");
		assertThat(added.status()).as(added.body()).isBetween(200, 201);
		return id;
	}

	/** A tenant with manual review on. */
	public TenantKey manualTenant(int requiredReviews, String labelsJson) {
		TenantKey t = tenant();
		Api.Response r = Api.operator(port)
			.put("/v1/admin/tenants/" + t.uid() + "/manual-review",
					"{\"enabled\":true,\"dailyVolume\":1000,\"slaMinutes\":{\"text\":30},\"criteria\":\"No insults.\",\"labels\":"
							+ labelsJson + ",\"requiredReviews\":" + requiredReviews + "}");
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return t;
	}

	/** A user with the given roles (JSON array) limited to the tenants (uids). */
	public Api user(String rolesJson, long... tenantUids) {
		String name = "user" + SEQ.incrementAndGet() + "x" + System.nanoTime();
		StringBuilder tenants = new StringBuilder("[");
		for (int i = 0; i < tenantUids.length; i++) {
			tenants.append(i == 0 ? "" : ",").append(tenantUids[i]);
		}
		tenants.append(']');
		Api.Response r = Api.operator(port)
			.post("/v1/admin/users", "{\"username\":\"" + name + "\",\"password\":\"password-123\",\"roles\":"
					+ rolesJson + ",\"tenants\":" + tenants + "}");
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return new Api(port, name, "password-123");
	}

	/** Claims the next review item as this reviewer; its id. */
	public static long claim(Api reviewer) {
		Api.Response r = reviewer.post("/v1/review/claims", "");
		assertThat(r.status()).as("a claimable item: " + r.body()).isEqualTo(200);
		return r.json().get("id").asLong();
	}

	/** Posts a decision (JSON body) on a review item. */
	public static Api.Response decide(Api reviewer, long itemId, String decisionJson) {
		return reviewer.post("/v1/review/items/" + itemId + "/decision", decisionJson);
	}

	public Api reviewer(long... tenantUids) {
		return user("[\"REVIEWER\"]", tenantUids);
	}

	public Api lead(long... tenantUids) {
		return user("[\"REVIEWER\",\"LEAD\"]", tenantUids);
	}

}
