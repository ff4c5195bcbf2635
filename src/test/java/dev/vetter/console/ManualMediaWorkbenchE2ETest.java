package dev.vetter.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.aliyuncs.green.model.v20180509.ImageAsyncManualScanRequest;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;

import dev.vetter.detection.image.TestImages;
import dev.vetter.moderation.MediaFiles;
import dev.vetter.support.Api;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;

import tools.jackson.databind.JsonNode;

/**
 * Human-only media tasks in the reviewer's workbench, in a real browser: the media a
 * task's URL points to is fetched in the background and reviewers see the image (veiled)
 * or the audio player, served from the blob store to the tenant's reviewers only; a URL
 * that cannot be fetched still reaches people, with the URL and the reason.
 */
@ConsoleTest
class ManualMediaWorkbenchE2ETest extends ConsoleBrowserTest {

	MediaFiles media;

	@BeforeEach
	void serveMedia() {
		media = new MediaFiles();
	}

	@AfterEach
	void stopMedia() {
		media.close();
	}

	private static String submit(Fixtures.TenantKey tenant, String kind, String url) {
		Api.Response r = tenant.api()
			.post("/v1/manual-reviews",
					"{\"kind\":\"" + kind + "\",\"tasks\":[{\"dataId\":\"m1\",\"url\":\"" + url + "\"}]}");
		assertThat(r.status()).as(r.body()).isEqualTo(202);
		assertThat(r.json().at("/tasks/0/code").asInt()).as(r.body()).isEqualTo(200);
		return r.json().at("/tasks/0/taskId").asString();
	}

	@Test
	void aHumanOnlyImageIsFetchedAndShownVeiledAndOnlyTheTenantsReviewersGetIt() {
		Fixtures fixtures = new Fixtures(port);
		Fixtures.TenantKey tenant = fixtures.manualTenant(1, "[\"porn\"]");
		Fixtures.TenantKey other = fixtures.manualTenant(1, "[\"porn\"]");
		byte[] png = TestImages.encode(TestImages.photo("astronaut.png"), "png");
		String url = media.serve("/manual.png", png);
		String taskId = submit(tenant, "image", url);
		Await.queued(port, tenant.uid(), 1);
		// the source may go away: reviewers see the copy taken at submission
		media.close();
		String reviewer = Users.create(port, "mira", "[\"REVIEWER\"]", tenant.uid());
		String stranger = Users.create(port, "olaf", "[\"REVIEWER\"]", other.uid());

		Page page = login(reviewer);
		assertThat(page.locator("#task")).hasText(taskId);
		assertThat(page.locator("#kind")).hasText("image");
		page.waitForFunction("() => { const i = document.getElementById('media-image');"
				+ " return i && i.complete && i.naturalWidth > 0; }");
		assertThat(filter(page, "#media-image")).contains("blur").contains("grayscale");
		assertThat(page.locator("#media .media-error")).hasCount(0);
		String item = page.locator("#item").getAttribute("data-item-id");
		String mediaUrl = base() + "/console/review/api/items/" + item + "/media";
		APIResponse whole = page.request().get(mediaUrl);
		assertThat(whole.status()).isEqualTo(200);
		assertThat(whole.headers().get("content-type")).isEqualTo("image/png");
		assertThat(whole.body()).isEqualTo(png);

		// another tenant's reviewer: exactly like a missing item
		Page strangers = login(stranger);
		APIResponse foreign = strangers.request().get(mediaUrl);
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.text()).doesNotContain(taskId);

		page.bringToFront();
		page.keyboard().press("1");
		assertThat(page.locator("#labels button").first()).hasAttribute("aria-pressed", "true");
		page.keyboard().press("b");
		assertThat(page.locator("#undo")).isVisible();
		page.navigate(base() + "/console");
		JsonNode task = Await.audited(tenant.api(), taskId);
		assertThat(task.at("/auditResult/suggestion").asString()).isEqualTo("block");
		assertThat(task.get("url").asString()).isEqualTo(url);
		page.context().close();
		strangers.context().close();
	}

	@Test
	void aHumanOnlyVoiceTaskGetsTheAudioPlayer() {
		Fixtures.TenantKey tenant = new Fixtures(port).manualTenant(1, "[\"abuse\"]");
		String taskId = submit(tenant, "voice", media.resource("media/speech/weather.wav"));
		Await.queued(port, tenant.uid(), 1);
		String reviewer = Users.create(port, "vera", "[\"REVIEWER\"]", tenant.uid());

		Page page = login(reviewer);
		assertThat(page.locator("#task")).hasText(taskId);
		assertThat(page.locator("#kind")).hasText("voice");
		assertThat(page.locator("#media audio")).hasCount(1);
		String src = (String) page.locator("#media audio").evaluate("a => a.src");
		APIResponse audio = page.request().get(src);
		assertThat(audio.status()).isEqualTo(200);
		assertThat(audio.headers().get("content-type")).isEqualTo("audio/wav");
		page.context().close();
	}

	@Test
	void aUrlThatCannotBeFetchedStillReachesPeopleWithTheReason() {
		Fixtures fixtures = new Fixtures(port);
		Fixtures.TenantKey tenant = fixtures.manualTenant(1, "[\"porn\"]");
		// through the Alibaba SDK: the Green contract is unchanged (280 until people
		// decide)
		String missing = media.url("/gone.png");
		JsonNode submitted = tenant.sdk()
			.call(new ImageAsyncManualScanRequest(), "{\"tasks\":[{\"dataId\":\"g1\",\"url\":\"" + missing + "\"}]}")
			.json();
		assertThat(submitted.at("/data/0/code").asInt()).as(submitted.toString()).isEqualTo(200);
		String taskId = submitted.at("/data/0/taskId").asString();
		Await.queued(port, tenant.uid(), 1);
		assertThat(tenant.api().get("/v1/tasks/" + taskId).json().get("code").asInt()).isEqualTo(280);

		// the review API's item: the URL and why there is no media
		Api api = fixtures.reviewer(tenant.uid());
		JsonNode claimed = api.post("/v1/review/claims", "").json();
		assertThat(claimed.get("taskId").asString()).isEqualTo(taskId);
		assertThat(claimed.at("/content/url").asString()).isEqualTo(missing);
		assertThat(claimed.at("/content/mediaError").asString()).isEqualTo("download failed: HTTP 404 (code 480)");
		assertThat(api.post("/v1/review/items/" + claimed.get("id").asLong() + "/release", "").status()).isIn(200, 204);

		String reviewer = Users.create(port, "stan", "[\"REVIEWER\"]", tenant.uid());
		Page page = login(reviewer);
		assertThat(page.locator("#task")).hasText(taskId);
		assertThat(page.locator("#media .placeholder")).containsText(missing);
		assertThat(page.locator("#media .media-error")).hasText("Not fetched: download failed: HTTP 404 (code 480)");
		assertThat(page.locator("#media img")).hasCount(0);
		APIResponse none = page.request()
			.get(base() + "/console/review/api/items/" + claimed.get("id").asLong() + "/media");
		assertThat(none.status()).isEqualTo(404);
		page.keyboard().press("p");
		assertThat(page.locator("#undo")).isVisible();
		page.navigate(base() + "/console");
		assertThat(Await.audited(tenant.api(), taskId).at("/auditResult/suggestion").asString()).isEqualTo("pass");
		page.context().close();
	}

}
