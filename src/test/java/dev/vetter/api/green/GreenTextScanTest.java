package dev.vetter.api.green;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.aliyuncs.green.model.v20180509.TextScanRequest;

import dev.vetter.support.Api;
import dev.vetter.support.GreenSdk;
import dev.vetter.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * {@code /green/text/scan}: envelope, per-task codes, limits, and custom libraries set up
 * natively.
 */
@IntegrationTest
class GreenTextScanTest {

	@LocalServerPort
	int port;

	private GreenSdk.Reply scan(String body) {
		return GreenSdk.of(port).call(new TextScanRequest(), body);
	}

	private static String task(String dataId, String content) {
		return "{\"dataId\":\"" + dataId + "\",\"content\":" + Api.JSON.writeValueAsString(content) + "}";
	}

	private long library(String name, String action, String... terms) {
		Api api = Api.tenant(port);
		Api.Response created = api.post("/v1/libraries",
				"{\"name\":\"" + name + "\",\"kind\":\"TEXT\",\"action\":\"" + action + "\"}");
		assertThat(created.status()).isEqualTo(201);
		long id = created.json().get("id").asLong();
		assertThat(
				api.post("/v1/libraries/" + id + "/entries", "{\"entries\":" + Api.JSON.writeValueAsString(terms) + "}")
					.status())
			.isEqualTo(200);
		return id;
	}

	@Test
	void customLibraryAddedNativelyTakesEffectOnTheNextScan() {
		String text = "please buy zorblax pills today";
		JsonNode before = scan("{\"scenes\":[\"antispam\"],\"tasks\":[" + task("a", text) + "]}").json()
			.get("data")
			.get(0);
		assertThat(before.get("results").get(0).get("suggestion").asString()).isEqualTo("pass");

		long id = library("lib-block-" + System.nanoTime(), "BLOCK", "zorblax");

		JsonNode after = scan("{\"scenes\":[\"antispam\"],\"tasks\":[" + task("a", text) + "]}").json()
			.get("data")
			.get(0);
		JsonNode result = after.get("results").get(0);
		assertThat(result.get("suggestion").asString()).isEqualTo("block");
		assertThat(result.get("label").asString()).isEqualTo("customized");
		JsonNode context = result.get("details").get(0).get("contexts").get(0);
		assertThat(context.get("context").asString()).isEqualTo("zorblax");
		assertThat(context.get("libName").asString()).startsWith("lib-block-");
		assertThat(context.get("libCode").asString()).isEqualTo(Long.toString(id));
		JsonNode position = context.get("positions").get(0);
		assertThat(text.substring(position.get("startPos").asInt(), position.get("endPos").asInt()))
			.isEqualTo("zorblax");
		assertThat(after.get("filteredContent").asString()).isEqualTo("please buy ******* pills today");
		assertThat(after.get("content").asString()).isEqualTo(text);
	}

	@Test
	void reviewLibraryGivesReviewAndPassLibrarySuppressesOverlappingHits() {
		library("lib-review-" + System.nanoTime(), "REVIEW", "quibbleflux");
		library("lib-block2-" + System.nanoTime(), "BLOCK", "snarfle");
		library("lib-pass-" + System.nanoTime(), "PASS", "snarfle cove");

		JsonNode data = scan("{\"scenes\":[\"antispam\"],\"tasks\":[" + task("r", "a quibbleflux here") + ","
				+ task("p", "we sailed to snarfle cove") + "]}")
			.json()
			.get("data");

		assertThat(data.get(0).get("results").get(0).get("suggestion").asString()).isEqualTo("review");
		assertThat(data.get(1).get("results").get(0).get("suggestion").asString()).isEqualTo("pass");
		assertThat(data.get(1).get("results").get(0).get("label").asString()).isEqualTo("normal");
	}

	@Test
	void bizTypeChoosesLibrariesAndUnknownBizTypeUsesDefault() {
		String lib = "lib-biz-" + System.nanoTime();
		library(lib, "BLOCK", "wumpusword");
		Api api = Api.tenant(port);
		assertThat(api.put("/v1/biz-types/no-libs", "{\"libraries\":[]}").status()).isEqualTo(200);

		String body = "{\"bizType\":\"%s\",\"scenes\":[\"antispam\"],\"tasks\":[" + task("b", "the wumpusword") + "]}";
		assertThat(scan(body.formatted("no-libs")).json().at("/data/0/results/0/suggestion").asString())
			.isEqualTo("pass");
		assertThat(scan(body.formatted("never-defined")).json().at("/data/0/results/0/suggestion").asString())
			.isEqualTo("block");
	}

	@Test
	void labelSuggestionOverrideAppliesPerBizType() {
		library("lib-ovr-" + System.nanoTime(), "BLOCK", "grobnitz");
		Api.tenant(port).put("/v1/biz-types/lenient", "{\"labelSuggestions\":{\"customized\":\"review\"}}");

		JsonNode result = scan(
				"{\"bizType\":\"lenient\",\"scenes\":[\"antispam\"],\"tasks\":[" + task("o", "grobnitz!") + "]}")
			.json()
			.at("/data/0/results/0");

		assertThat(result.get("suggestion").asString()).isEqualTo("review");
	}

	@Test
	void anotherTenantsLibraryNeverApplies() {
		library("lib-mine-" + System.nanoTime(), "BLOCK", "plonkertude");
		JsonNode other = Api.operator(port).post("/v1/admin/tenants", "{\"name\":\"Other tenant\"}").json();
		GreenSdk otherSdk = new GreenSdk(port, other.get("accessKeyId").asString(),
				other.get("accessKeySecret").asString());

		JsonNode result = otherSdk
			.call(new TextScanRequest(), "{\"scenes\":[\"antispam\"],\"tasks\":[" + task("x", "plonkertude") + "]}")
			.json();

		assertThat(result.at("/data/0/results/0/suggestion").asString()).isEqualTo("pass");
		assertThat(Api.tenant(port).get("/v1/libraries").body()).doesNotContain("Other tenant");
	}

	@Test
	void malformedJsonIsEnvelopeCode400() {
		GreenSdk.Reply reply = scan("{\"scenes\":[\"antispam\"],\"tasks\":[");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().get("code").asInt()).isEqualTo(400);
		assertThat(reply.json().get("msg").asString()).contains("JSON");
		assertThat(reply.json().get("requestId").asString()).isNotBlank();
	}

	@Test
	void wrongShapesAreCode400() {
		assertThat(scan("[1,2]").json().get("code").asInt()).isEqualTo(400);
		assertThat(scan("{\"tasks\":[{\"content\":\"x\"}]}").json().get("code").asInt()).isEqualTo(400);
		assertThat(scan("{\"scenes\":\"antispam\",\"tasks\":[{\"content\":\"x\"}]}").json().get("code").asInt())
			.isEqualTo(400);
		assertThat(scan("{\"scenes\":[\"antispam\"],\"tasks\":{}}").json().get("code").asInt()).isEqualTo(400);
		assertThat(scan("{\"scenes\":[\"antispam\"],\"tasks\":[]}").json().get("code").asInt()).isEqualTo(400);
		assertThat(scan("{\"bizType\":7,\"scenes\":[\"antispam\"],\"tasks\":[{\"content\":\"x\"}]}").json()
			.get("code")
			.asInt()).isEqualTo(400);
	}

	@Test
	void unsupportedSceneIsCode401() {
		JsonNode json = scan("{\"scenes\":[\"porn\"],\"tasks\":[{\"content\":\"x\"}]}").json();

		assertThat(json.get("code").asInt()).isEqualTo(401);
		assertThat(json.get("msg").asString()).contains("porn");
	}

	@Test
	void keywordSceneIsAnAliasOfAntispam() {
		JsonNode json = scan("{\"scenes\":[\"keyword\"],\"tasks\":[{\"content\":\"hello\"}]}").json();

		assertThat(json.get("code").asInt()).isEqualTo(200);
		assertThat(json.at("/data/0/results/0/scene").asString()).isEqualTo("keyword");
	}

	@Test
	void tooManyTasksIsCode589() {
		List<String> tasks = new ArrayList<>();
		for (int i = 0; i < 101; i++) {
			tasks.add(task("t" + i, "hello"));
		}
		JsonNode json = scan("{\"scenes\":[\"antispam\"],\"tasks\":[" + String.join(",", tasks) + "]}").json();

		assertThat(json.get("code").asInt()).isEqualTo(589);
	}

	@Test
	void hundredTasksAreFine() {
		List<String> tasks = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			tasks.add(task("t" + i, "hello " + i));
		}
		JsonNode json = scan("{\"scenes\":[\"antispam\"],\"tasks\":[" + String.join(",", tasks) + "]}").json();

		assertThat(json.get("code").asInt()).isEqualTo(200);
		assertThat(json.get("data").size()).isEqualTo(100);
		assertThat(json.at("/data/99/dataId").asString()).isEqualTo("t99");
	}

	@Test
	void perTaskErrorsLeaveOtherTasksIntact() {
		String longText = "a".repeat(10_001);
		JsonNode data = scan("{\"scenes\":[\"antispam\"],\"tasks\":[" + task("ok", "fine text") + ","
				+ task("long", longText) + ",{\"dataId\":\"bad id!\",\"content\":\"x\"}"
				+ ",{\"dataId\":\"num\",\"content\":42}" + ",\"str\"]}")
			.json()
			.get("data");

		assertThat(data.get(0).get("code").asInt()).isEqualTo(200);
		assertThat(data.get(1).get("code").asInt()).isEqualTo(589);
		assertThat(data.get(1).get("dataId").asString()).isEqualTo("long");
		assertThat(data.get(2).get("code").asInt()).isEqualTo(400);
		assertThat(data.get(3).get("code").asInt()).isEqualTo(400);
		assertThat(data.get(4).get("code").asInt()).isEqualTo(400);
	}

	@Test
	void exactlyTenThousandCharactersIsAccepted() {
		JsonNode task = scan("{\"scenes\":[\"antispam\"],\"tasks\":[" + task("max", "b".repeat(10_000)) + "]}").json()
			.at("/data/0");

		assertThat(task.get("code").asInt()).isEqualTo(200);
	}

	@Test
	void oversizeBodyIsRefusedAtTheGateway() {
		String huge = "{\"scenes\":[\"antispam\"],\"tasks\":[" + task("h", "c".repeat(5_000_000)) + "]}";

		GreenSdk.Reply reply = scan(huge);

		assertThat(reply.status()).isEqualTo(413);
		assertThat(reply.json().get("Code").asString()).isEqualTo("RequestEntityTooLarge");
	}

	@Test
	void unknownGreenPathIsInvalidAction() {
		GreenSdk.Reply reply = GreenSdk.of(port)
			.call(new com.aliyuncs.green.model.v20180509.FileAsyncScanRequest(), "{}");

		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.json().get("Code").asString()).isEqualTo("InvalidAction.NotFound");
	}

}
