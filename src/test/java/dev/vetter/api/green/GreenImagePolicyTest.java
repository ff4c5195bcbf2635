package dev.vetter.api.green;

import java.awt.image.BufferedImage;

import com.aliyuncs.green.model.v20180509.ImageAsyncScanRequest;
import com.aliyuncs.green.model.v20180509.ImageAsyncScanResultsRequest;
import com.aliyuncs.green.model.v20180509.ImageSyncScanRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.vetter.detection.image.TestImages;
import dev.vetter.moderation.MediaFiles;
import dev.vetter.support.Api;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;
import dev.vetter.support.GreenSdk;
import dev.vetter.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image rules of a bizType policy ({@code image}: NSFW thresholds, what a QR code
 * gives) decide the same picture differently per bizType, through Alibaba's SDK, for sync
 * scans, GIF frames and async jobs; bad rules are refused; one tenant's policy is
 * invisible to another.
 * <p>
 * The classifier's scores are real (stack.md Appendix B): {@code chelsea.png} scores porn
 * 0.0629 + hentai 0.0008, {@code coffee.png} under 0.004 together.
 */
@IntegrationTest
@TestPropertySource(properties = { "vetter.roles=api,worker,console", "vetter.security.allow-private-targets=true" })
class GreenImagePolicyTest {

	static MediaFiles files;

	@LocalServerPort
	int port;

	@BeforeAll
	static void serve() {
		files = new MediaFiles();
	}

	@AfterAll
	static void stop() {
		files.close();
	}

	private static void put(Api api, String bizType, String policy) {
		Api.Response r = api.put("/v1/biz-types/" + bizType, policy);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
	}

	/** The tenant's three photo policies: the defaults, a watchful and a strict one. */
	private static void photoPolicies(Api api) {
		put(api, "photos-default", "{}");
		put(api, "photos-watch", "{\"image\":{\"pornReview\":0.03}}");
		put(api, "photos-strict", "{\"image\":{\"pornReview\":0.02,\"pornBlock\":0.04}}");
	}

	private static JsonNode scan(GreenSdk sdk, String bizType, String scenes, String tasks) {
		GreenSdk.Reply reply = sdk.call(new ImageSyncScanRequest(),
				"{\"bizType\":\"" + bizType + "\",\"scenes\":" + scenes + ",\"tasks\":" + tasks + "}");
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().get("code").asInt()).as(reply.body()).isEqualTo(200);
		JsonNode task = reply.json().get("data").get(0);
		assertThat(task.get("code").asInt()).as(task.toString()).isEqualTo(200);
		return task;
	}

	private static JsonNode scene(JsonNode task, String scene) {
		for (JsonNode r : task.get("results")) {
			if (r.get("scene").asString().equals(scene)) {
				return r;
			}
		}
		throw new AssertionError("no scene " + scene + " in " + task);
	}

	private static JsonNode porn(GreenSdk sdk, String bizType, String url) {
		return scene(scan(sdk, bizType, "[\"porn\"]", "[{\"dataId\":\"p\",\"url\":\"" + url + "\"}]"), "porn");
	}

	@Test
	void theSamePhotoPassesIsReviewedOrBlockedPerTheBizTypesNsfwThresholds() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		photoPolicies(tenant.api());
		String cat = files.serve("/policy/chelsea.png", TestImages.encode(TestImages.photo("chelsea.png"), "png"));
		String coffee = files.serve("/policy/coffee.png", TestImages.encode(TestImages.photo("coffee.png"), "png"));

		JsonNode byDefault = porn(tenant.sdk(), "photos-default", cat);
		assertThat(byDefault.get("suggestion").asString()).as(byDefault.toString()).isEqualTo("pass");
		assertThat(byDefault.get("label").asString()).isEqualTo("normal");
		// an unknown bizType takes the default policy, and so the service-wide thresholds
		assertThat(porn(tenant.sdk(), "no-such-biztype", cat).get("suggestion").asString()).isEqualTo("pass");

		JsonNode watched = porn(tenant.sdk(), "photos-watch", cat);
		assertThat(watched.get("suggestion").asString()).as(watched.toString()).isEqualTo("review");
		assertThat(watched.get("label").asString()).isEqualTo("porn");
		assertThat(watched.get("rate").asDouble()).isBetween(6.0, 7.0);

		JsonNode strict = porn(tenant.sdk(), "photos-strict", cat);
		assertThat(strict.get("suggestion").asString()).as(strict.toString()).isEqualTo("block");
		assertThat(strict.get("label").asString()).isEqualTo("porn");

		// an unrelated photo stays under even the strict thresholds
		assertThat(porn(tenant.sdk(), "photos-strict", coffee).get("suggestion").asString()).isEqualTo("pass");

		// a change is effective for the next scan
		put(tenant.api(), "photos-strict", "{\"image\":{\"pornReview\":0.02}}");
		assertThat(porn(tenant.sdk(), "photos-strict", cat).get("suggestion").asString()).isEqualTo("review");
	}

	@Test
	void aQrCodeIsReviewedUnderOneBizTypeAndBlockedUnderAnother() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		put(tenant.api(), "qr-review", "{\"image\":{\"qrcode\":\"review\"}}");
		put(tenant.api(), "qr-block", "{\"image\":{\"qrcode\":\"block\"}}");
		BufferedImage photo = TestImages.photo("astronaut.png");
		BufferedImage withCode = TestImages.paste(photo, TestImages.qrCode("https://qr.example/policy", 6), 300, 260,
				8);
		String url = files.serve("/policy/qr.jpg", TestImages.jpeg(withCode, 0.9f));
		String tasks = "[{\"dataId\":\"qr\",\"url\":\"" + url + "\"}]";

		JsonNode reviewed = scan(tenant.sdk(), "qr-review", "[\"ad\",\"qrcode\"]", tasks);
		JsonNode blocked = scan(tenant.sdk(), "qr-block", "[\"ad\",\"qrcode\"]", tasks);
		JsonNode byDefault = scan(tenant.sdk(), "no-such-biztype", "[\"ad\",\"qrcode\"]", tasks);

		for (String s : new String[] { "ad", "qrcode" }) {
			assertThat(scene(reviewed, s).get("label").asString()).as(reviewed.toString()).isEqualTo("qrcode");
			assertThat(scene(reviewed, s).get("suggestion").asString()).isEqualTo("review");
			assertThat(scene(blocked, s).get("label").asString()).as(blocked.toString()).isEqualTo("qrcode");
			assertThat(scene(blocked, s).get("suggestion").asString()).isEqualTo("block");
			assertThat(scene(blocked, s).get("qrcodeData").get(0).asString()).isEqualTo("https://qr.example/policy");
			assertThat(scene(byDefault, s).get("suggestion").asString()).isEqualTo("review");
		}
	}

	@Test
	void gifFramesAndAsyncJobsAreJudgedByTheBizTypesImageRules() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		photoPolicies(tenant.api());
		put(tenant.api(), "qr-block", "{\"image\":{\"qrcode\":\"block\"}}");
		// a GIF's palette flattens the photo's NSFW scores, so the frames differ by a QR
		// code
		BufferedImage coffee = TestImages.photo("coffee.png");
		BufferedImage withCode = TestImages.paste(coffee, TestImages.qrCode("https://qr.example/gif", 5), 250, 200, 0);
		String gif = files.serve("/policy/anim.gif",
				TestImages.animatedGif(new TestImages.GifFrame(coffee, 0, 0, 50, "none"),
						new TestImages.GifFrame(withCode, 0, 0, 50, "none")));
		String frames = "[{\"dataId\":\"g\",\"url\":\"" + gif + "\",\"interval\":1,\"maxFrames\":2}]";

		JsonNode gifBlocked = scene(scan(tenant.sdk(), "qr-block", "[\"qrcode\"]", frames), "qrcode");
		assertThat(gifBlocked.get("suggestion").asString()).as(gifBlocked.toString()).isEqualTo("block");
		assertThat(gifBlocked.get("frames").get(0).get("index").asInt()).as(gifBlocked.toString()).isEqualTo(1);
		JsonNode gifReviewed = scene(scan(tenant.sdk(), "photos-default", "[\"qrcode\"]", frames), "qrcode");
		assertThat(gifReviewed.get("suggestion").asString()).as(gifReviewed.toString()).isEqualTo("review");

		String png = files.serve("/policy/async-chelsea.png",
				TestImages.encode(TestImages.photo("chelsea.png"), "png"));
		JsonNode submitted = tenant.sdk()
			.call(new ImageAsyncScanRequest(),
					"{\"bizType\":\"photos-strict\",\"scenes\":[\"porn\"],\"tasks\":[{\"dataId\":\"s\",\"url\":\"" + png
							+ "\"}]}")
			.json();
		assertThat(submitted.at("/data/0/code").asInt()).as(submitted.toString()).isEqualTo(200);
		String strictTask = submitted.at("/data/0/taskId").asString();
		submitted = tenant.sdk()
			.call(new ImageAsyncScanRequest(),
					"{\"bizType\":\"photos-watch\",\"scenes\":[\"porn\"],\"tasks\":[{\"dataId\":\"w\",\"url\":\"" + png
							+ "\"}]}")
			.json();
		String watchTask = submitted.at("/data/0/taskId").asString();

		JsonNode blocked = Await.until(() -> tenant.sdk()
			.call(new ImageAsyncScanResultsRequest(), "[\"" + strictTask + "\"]")
			.json()
			.at("/data/0"), r -> r.get("code").asInt() != 280, "the strict image job's result");
		assertThat(blocked.get("code").asInt()).as(blocked.toString()).isEqualTo(200);
		assertThat(blocked.at("/results/0/suggestion").asString()).as(blocked.toString()).isEqualTo("block");
		JsonNode reviewed = Await.until(() -> tenant.sdk()
			.call(new ImageAsyncScanResultsRequest(), "[\"" + watchTask + "\"]")
			.json()
			.at("/data/0"), r -> r.get("code").asInt() != 280, "the watchful image job's result");
		assertThat(reviewed.at("/results/0/suggestion").asString()).as(reviewed.toString()).isEqualTo("review");
	}

	@Test
	void badImageRulesAreRefusedWithAProblemNamingTheField() {
		Api api = new Fixtures(port).tenant().api();
		assertRefused(api, "{\"image\":{\"pornReview\":1.2}}", "image.pornReview must be a score from 0 to 1");
		assertRefused(api, "{\"image\":{\"sexyBlock\":-1}}", "image.sexyBlock must be a score from 0 to 1");
		assertRefused(api, "{\"image\":{\"pornReview\":0.9,\"pornBlock\":0.6}}",
				"image.pornReview (0.9) must not be above image.pornBlock (0.6)");
		assertRefused(api, "{\"image\":{\"qrcode\":\"pass\"}}", "image.qrcode must be review or block");
		assertRefused(api, "{\"image\":{\"pornReveiw\":0.5}}", "image.pornReveiw");
		assertRefused(api, "{\"image\":{\"pornBlock\":\"high\"}}", "image.pornBlock");
		assertThat(api.get("/v1/biz-types/bad").status()).isEqualTo(404);

		Api.Response ok = api.put("/v1/biz-types/good", "{\"image\":{\"sexyReview\":0.7,\"sexyBlock\":0.95}}");
		assertThat(ok.status()).as(ok.body()).isEqualTo(200);
		assertThat(ok.json().at("/image/sexyBlock").asDouble()).isEqualTo(0.95);
		JsonNode got = api.get("/v1/biz-types/good").json();
		assertThat(got.at("/image/sexyReview").asDouble()).isEqualTo(0.7);
		assertThat(got.at("/image/pornReview").isMissingNode()).as(got.toString()).isTrue();
	}

	private static void assertRefused(Api api, String policy, String detail) {
		Api.Response r = api.put("/v1/biz-types/bad", policy);
		assertThat(r.status()).as(r.body()).isEqualTo(400);
		assertThat(r.contentType()).startsWith("application/problem+json");
		assertThat(r.json().get("code").asString()).isEqualTo("validation-failed");
		assertThat(r.json().get("detail").asString()).contains(detail);
	}

	@Test
	void aTenantNeitherReadsNorChangesAnotherTenantsImageRules() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey mine = fx.tenant();
		Fixtures.TenantKey theirs = fx.tenant();
		photoPolicies(mine.api());
		String cat = files.serve("/policy/isolated.png", TestImages.encode(TestImages.photo("chelsea.png"), "png"));

		Api.Response foreign = theirs.api().get("/v1/biz-types/photos-strict");
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.json().get("code").asString()).isEqualTo("not-found");
		assertThat(theirs.api().get("/v1/biz-types").body()).doesNotContain("photos-strict");
		assertThat(theirs.api().delete("/v1/biz-types/photos-strict").status()).isEqualTo(404);
		// the other tenant's scans under that name use its own (default) policy
		assertThat(porn(theirs.sdk(), "photos-strict", cat).get("suggestion").asString()).isEqualTo("pass");

		// a policy of the same name is the other tenant's own
		put(theirs.api(), "photos-strict", "{\"image\":{\"pornReview\":0.99}}");
		assertThat(mine.api().get("/v1/biz-types/photos-strict").json().at("/image/pornBlock").asDouble())
			.isEqualTo(0.04);
		assertThat(porn(mine.sdk(), "photos-strict", cat).get("suggestion").asString()).isEqualTo("block");
		assertThat(porn(theirs.sdk(), "photos-strict", cat).get("suggestion").asString()).isEqualTo("pass");
	}

}
