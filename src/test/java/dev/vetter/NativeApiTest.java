package dev.vetter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vetter.support.Api;
import dev.vetter.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * The native API: authentication, problem+json errors with stable codes, the documented
 * endpoints.
 */
@IntegrationTest
class NativeApiTest {

	@LocalServerPort
	int port;

	@Test
	void tenantEndpointReturnsTheCallingTenant() {
		JsonNode tenant = Api.tenant(port).get("/v1/tenant").json();

		assertThat(tenant.get("uid").asLong()).isEqualTo(Api.TENANT_UID);
		assertThat(tenant.get("name").asString()).isNotBlank();
	}

	@Test
	void wrongCredentialsAre401ProblemJson() {
		Api.Response r = new Api(port, Api.ACCESS_KEY_ID, "wrong").get("/v1/tenant");

		assertThat(r.status()).isEqualTo(401);
		assertThat(r.contentType()).startsWith("application/problem+json");
		assertThat(r.json().get("code").asString()).isEqualTo("unauthenticated");
	}

	@Test
	void malformedJsonIs400WithStableCode() {
		Api.Response r = Api.tenant(port).post("/v1/libraries", "{\"name\":");

		assertThat(r.status()).isEqualTo(400);
		assertThat(r.json().get("code").asString()).isEqualTo("malformed-json");
		assertThat(r.body()).doesNotContain("Exception").doesNotContain("at dev.");
	}

	@Test
	void invalidLibraryIs400AndDuplicateIs409() {
		Api api = Api.tenant(port);
		assertThat(api.post("/v1/libraries", "{\"name\":\"bad name!\",\"kind\":\"TEXT\",\"action\":\"BLOCK\"}")
			.json()
			.get("code")
			.asString()).isEqualTo("validation-failed");
		assertThat(api.post("/v1/libraries", "{\"name\":\"x\",\"kind\":\"SOUND\",\"action\":\"BLOCK\"}").status())
			.isEqualTo(400);
		String name = "dup-" + System.nanoTime();
		assertThat(api.post("/v1/libraries", "{\"name\":\"" + name + "\",\"kind\":\"TEXT\",\"action\":\"BLOCK\"}")
			.status()).isEqualTo(201);
		Api.Response dup = api.post("/v1/libraries",
				"{\"name\":\"" + name + "\",\"kind\":\"TEXT\",\"action\":\"BLOCK\"}");
		assertThat(dup.status()).isEqualTo(409);
		assertThat(dup.json().get("code").asString()).isEqualTo("conflict");
	}

	@Test
	void otherTenantsLibraryIsNotFound() {
		Api mine = Api.tenant(port);
		long id = mine
			.post("/v1/libraries",
					"{\"name\":\"private-" + System.nanoTime() + "\",\"kind\":\"TEXT\",\"action\":\"BLOCK\"}")
			.json()
			.get("id")
			.asLong();
		JsonNode other = Api.operator(port).post("/v1/admin/tenants", "{\"name\":\"Nosy\"}").json();
		Api nosy = new Api(port, other.get("accessKeyId").asString(), other.get("accessKeySecret").asString());

		assertThat(nosy.get("/v1/libraries/" + id).status()).isEqualTo(404);
		assertThat(nosy.post("/v1/libraries/" + id + "/entries", "{\"entries\":[\"x\"]}").status()).isEqualTo(404);
		assertThat(nosy.get("/v1/libraries").json().size()).isZero();
	}

	@Test
	void imageLibraryValidatesItsDistanceAndRefusesPrivateUrlsPerEntry() {
		Api api = Api.tenant(port);
		Api.Response far = api.post("/v1/libraries", "{\"name\":\"far-" + System.nanoTime()
				+ "\",\"kind\":\"IMAGE\",\"action\":\"BLOCK\",\"maxDistance\":256}");
		assertThat(far.status()).isEqualTo(400);
		assertThat(far.json().get("detail").asString()).contains("maxDistance");
		assertThat(api
			.post("/v1/libraries",
					"{\"name\":\"txt-" + System.nanoTime()
							+ "\",\"kind\":\"TEXT\",\"action\":\"BLOCK\",\"maxDistance\":3}")
			.json()
			.get("detail")
			.asString()).contains("maxDistance");
		Api.Response created = api.post("/v1/libraries",
				"{\"name\":\"img-" + System.nanoTime() + "\",\"kind\":\"IMAGE\",\"action\":\"BLOCK\"}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("maxDistance").asInt()).isEqualTo(31);
		long id = created.json().get("id").asLong();
		try {
			// private targets are not allowed in this context: each URL fails alone
			Api.Response r = api.post("/v1/libraries/" + id + "/entries",
					"{\"urls\":[\"http://127.0.0.1:9/a.png\",\"http://10.0.0.1/b.png\",\"ftp://example.com/c.png\"]}");
			assertThat(r.status()).as(r.body()).isEqualTo(200);
			assertThat(r.json().get("added").asInt()).isZero();
			assertThat(r.json().get("errors").size()).isEqualTo(3);
			for (JsonNode e : r.json().get("errors")) {
				assertThat(e.get("code").asString()).as(e.toString()).isEqualTo("refused");
				assertThat(e.get("greenCode").asInt()).isEqualTo(480);
			}
			assertThat(r.json().get("errors").get(1).get("url").asString()).isEqualTo("http://10.0.0.1/b.png");
			assertThat(api.post("/v1/libraries/" + id + "/entries", "{\"entries\":[\"word\"]}").status())
				.isEqualTo(400);
			assertThat(api.get("/v1/libraries/" + id + "/entries").json().size()).isZero();
		}
		finally {
			api.delete("/v1/libraries/" + id);
		}
	}

	@Test
	void bizTypePolicyRoundTripsAndRejectsUnknownLabels() {
		Api api = Api.tenant(port);
		Api.Response put = api.put("/v1/biz-types/comments",
				"{\"rules\":false,\"labelSuggestions\":{\"ad\":\"block\"}}");
		assertThat(put.status()).isEqualTo(200);
		JsonNode got = api.get("/v1/biz-types/comments").json();
		assertThat(got.get("rules").asBoolean()).isFalse();
		assertThat(got.at("/labelSuggestions/ad").asString()).isEqualTo("block");

		Api.Response withRange = api.put("/v1/biz-types/ranged",
				"{\"escalation\":{\"labels\":{\"porn\":{\"min\":60}}}}");
		assertThat(withRange.status()).as(withRange.body()).isEqualTo(200);
		assertThat(withRange.json().at("/escalation/labels/porn/max").asDouble()).isEqualTo(100.0);
		assertThat(api.put("/v1/biz-types/ranged", "{\"escalation\":{\"labels\":{\"porn\":{\"min\":90,\"max\":10}}}}")
			.status()).isEqualTo(400);
		assertThat(api.put("/v1/biz-types/comments", "{\"labelSuggestions\":{\"nonsense\":\"block\"}}").status())
			.isEqualTo(400);
		assertThat(api.put("/v1/biz-types/comments", "{\"unknownField\":1}").status()).isEqualTo(400);
		assertThat(api.get("/v1/biz-types/never").status()).isEqualTo(404);
	}

	@Test
	void nativeTextModerationReportsFindingsWithPositions() {
		Api api = Api.tenant(port);
		long id = api
			.post("/v1/libraries",
					"{\"name\":\"native-" + System.nanoTime() + "\",\"kind\":\"TEXT\",\"action\":\"REVIEW\"}")
			.json()
			.get("id")
			.asLong();
		api.post("/v1/libraries/" + id + "/entries", "{\"entries\":[\"blorptastic\"]}");

		JsonNode r = api.post("/v1/text/moderations", "{\"content\":\"so blorptastic\",\"dataId\":\"n1\"}").json();

		assertThat(r.get("suggestion").asString()).isEqualTo("review");
		assertThat(r.get("dataId").asString()).isEqualTo("n1");
		assertThat(r.at("/findings/0/matches/0/library/id").asLong()).isEqualTo(id);
		assertThat(r.at("/findings/0/matches/0/positions/0/start").asInt()).isEqualTo(3);
		assertThat(r.at("/findings/0/matches/0/positions/0/end").asInt()).isEqualTo(14);
	}

	@Test
	void nativeTextModerationLimits() {
		Api api = Api.tenant(port);
		assertThat(api.post("/v1/text/moderations", "{}").json().get("code").asString()).isEqualTo("validation-failed");
		Api.Response tooLong = api.post("/v1/text/moderations", "{\"content\":\"" + "a".repeat(10_001) + "\"}");
		assertThat(tooLong.status()).isEqualTo(413);
		assertThat(tooLong.json().get("code").asString()).isEqualTo("too-large");
	}

	@Test
	void onlyOperatorsCreateTenantsAndUsers() {
		Api.Response r = Api.tenant(port).post("/v1/admin/tenants", "{\"name\":\"x\"}");
		assertThat(r.status()).isEqualTo(403);
		assertThat(r.json().get("code").asString()).isEqualTo("forbidden");

		Api.Response user = Api.operator(port)
			.post("/v1/admin/users",
					"{\"username\":\"rev-" + System.nanoTime()
							+ "\",\"password\":\"reviewer-pass\",\"roles\":[\"REVIEWER\"],\"tenants\":["
							+ Api.TENANT_UID + "]}");
		assertThat(user.status()).isEqualTo(201);
	}

	@Test
	void openApiDescribesTheNativeAndGreenRoutes() {
		Api.Response r = Api.tenant(port).get("/v3/api-docs");

		assertThat(r.status()).isEqualTo(200);
		assertThat(r.body()).contains("/v1/libraries").contains("/v1/text/moderations").contains("/green/text/scan");
		JsonNode api = r.json();
		JsonNode createLibrary = api.at("/paths/~1v1~1libraries/post/responses");
		assertThat(createLibrary.has("201")).isTrue();
		assertThat(createLibrary.has("400")).isTrue();
		assertThat(createLibrary.has("401")).isTrue();
		assertThat(createLibrary.at("/409/content").has("application/problem+json")).isTrue();
		JsonNode claims = api.at("/paths/~1v1~1review~1claims/post/responses");
		assertThat(claims.has("200")).isTrue();
		assertThat(claims.has("204")).isTrue();
		JsonNode release = api.at("/paths/~1v1~1review~1items~1{id}~1release/post/responses");
		assertThat(release.has("204")).isTrue();
		assertThat(release.has("200")).isFalse();
		JsonNode deleteBizType = api.at("/paths/~1v1~1biz-types~1{name}/delete/responses");
		assertThat(deleteBizType.has("204")).isTrue();
		assertThat(deleteBizType.has("200")).isFalse();
		assertThat(api.at("/paths/~1v1~1manual-reviews/post/responses").has("202")).isTrue();
		JsonNode greenScan = api.at("/paths/~1green~1text~1scan/post/responses");
		assertThat(greenScan.at("/400/description").asString()).contains("SignatureDoesNotMatch");
	}

	@Test
	void manualReviewAgreementNeedsOnlyEnabledAndValidatesTheRest() {
		Api operator = Api.operator(port);
		long uid = operator.post("/v1/admin/tenants", "{\"name\":\"Agreement\"}").json().get("uid").asLong();
		String path = "/v1/admin/tenants/" + uid + "/manual-review";

		Api.Response minimal = operator.put(path, "{\"enabled\":true}");
		assertThat(minimal.status()).as(minimal.body()).isEqualTo(200);
		JsonNode stored = operator.get(path).json();
		assertThat(stored.get("enabled").asBoolean()).isTrue();
		assertThat(stored.get("requiredReviews").asInt()).isEqualTo(1);
		assertThat(stored.at("/slaMinutes/video").asInt()).isEqualTo(240);
		assertThat(stored.get("labels").size()).isPositive();

		assertThat(operator.put(path, "{\"enabled\":true,\"requiredReviews\":3}").json().get("code").asString())
			.isEqualTo("validation-failed");
		assertThat(
				operator.put(path, "{\"enabled\":true,\"slaMinutes\":{\"smell\":5}}").json().get("detail").asString())
			.contains("smell");
		assertThat(Api.tenant(port).put(path, "{\"enabled\":true}").status()).isEqualTo(403);
		assertThat(operator.put("/v1/admin/tenants/999/manual-review", "{\"enabled\":true}").status()).isEqualTo(404);
	}

	@Test
	void pingNeedsNoAuthentication() {
		assertThat(new Api(port, "nobody", "nothing").get("/ping").body()).isEqualTo("pong");
	}

}
