package dev.vetter.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.aliyuncs.green.model.v20180509.ImageSyncScanRequest;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.RequestOptions;

import dev.vetter.api.green.GreenImageScanTest;
import dev.vetter.detection.image.TestImages;
import dev.vetter.moderation.MediaFiles;
import dev.vetter.support.Api;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;

import tools.jackson.databind.JsonNode;

/**
 * Images in the reviewer's workbench, in a real browser: an image escalated by
 * {@code /green/image/scan} (Alibaba's SDK) is shown veiled with its QR and OCR boxes,
 * revealed with {@code r} and blocked with {@code b}, and the verdict reaches the task
 * and the review callback; the media endpoint serves only items the reviewer may see; the
 * image grid shows the stored images; the deadline counts down and the break reminder
 * appears after {@code vetter.console.break-after}, on the browser's clock.
 */
@ConsoleTest
class ImageWorkbenchE2ETest extends ConsoleBrowserTest {

	MediaFiles media;

	@BeforeEach
	void serveMedia() {
		media = new MediaFiles();
	}

	@AfterEach
	void stopMedia() {
		media.close();
	}

	/** A photo with a QR code pasted in (the {@code qrcode} scene answers review). */
	static byte[] qrPhoto(String data) {
		return TestImages.encode(
				TestImages.paste(TestImages.photo("astronaut.png"), TestImages.qrCode(data, 6), 300, 260, 0), "png");
	}

	private String scan(Fixtures.TenantKey tenant, String url, String scenes) {
		JsonNode reply = tenant.sdk()
			.call(new ImageSyncScanRequest(),
					"{\"bizType\":\"photos\",\"scenes\":" + scenes + ",\"tasks\":[{\"dataId\":\"d1\",\"url\":\"" + url
							+ "\"}]}")
			.json();
		JsonNode task = reply.at("/data/0");
		assertThat(task.get("code").asInt()).as(reply.toString()).isEqualTo(200);
		return task.get("taskId").asString();
	}

	private static Object naturalWidth(Page page, String selector) {
		return page.locator(selector).evaluate("img => img.complete ? img.naturalWidth : 0");
	}

	@Test
	void reviewerSeesTheEscalatedImageVeiledWithItsBoxesRevealsItWithRAndBlocksIt() {
		Fixtures.TenantKey tenant = new Fixtures(port).manualTenant(1, "[\"qrcode\",\"customized\"]");
		escalate(tenant, "photos", "review");
		long lib = Fixtures.reviewWords(tenant.api(), "watch", "zorblax");
		byte[] jpeg = TestImages
			.jpeg(TestImages.paste(GreenImageScanTest.captioned(TestImages.photo("chelsea.png"), "BUY ZORBLAX NOW", 8),
					TestImages.qrCode("https://qr.example/join-now", 5), 760, 440, 0), 0.9f);
		try (CallbackReceiver receiver = new CallbackReceiver()) {
			assertThat(tenant.api()
				.put("/v1/notifications", "{\"url\":\"" + receiver.url() + "\",\"types\":[\"review\"]}")
				.status()).isEqualTo(200);
			String taskId = scan(tenant, media.serve("/caption.jpg", jpeg), "[\"qrcode\",\"ad\"]");
			String reviewer = Users.create(port, "iris", "[\"REVIEWER\"]", tenant.uid());

			Page page = login(reviewer);
			page.mouse().move(2, 760);
			assertThat(page.locator("#task")).hasText(taskId);
			assertThat(page.locator("#kind")).hasText("image");
			page.waitForFunction("() => { const i = document.getElementById('media-image');"
					+ " return i && i.complete && i.naturalWidth > 0; }");
			assertThat(naturalWidth(page, "#media-image")).isEqualTo(900);
			assertThat(filter(page, "#media-image")).contains("blur").contains("grayscale");
			assertThat(page.locator("#media .box.qr")).hasCount(1);
			assertThat(page.locator("#media .box.hit").first()).isAttached();
			assertThat(page.locator("#media .box.hit").first()).hasAttribute("title",
					Pattern.compile(".*zorblax.*", Pattern.CASE_INSENSITIVE));
			assertThat(page.locator("#findings"))
				.containsText(Pattern.compile("hit words: .*zorblax", Pattern.CASE_INSENSITIVE));
			assertThat(page.locator("#findings")).containsText("QR code: https://qr.example/join-now");

			page.keyboard().press("r");
			assertThat(filter(page, "#media-image")).isEqualTo("none");
			Browser.screenshot(page, "workbench-image");
			page.keyboard().press("r");
			assertThat(filter(page, "#media-image")).contains("blur");
			// the machine's label in the agreement is preselected: b blocks with it
			assertThat(page.locator("#labels button").first()).hasAttribute("aria-pressed", "true");
			page.keyboard().press("b");
			assertThat(page.locator("#undo")).isVisible();
			page.navigate(base() + "/console");

			JsonNode task = Await.audited(tenant.api(), taskId);
			assertThat(task.at("/auditResult/suggestion").asString()).isEqualTo("block");
			assertThat(task.at("/auditResult/labels/0").asString()).isEqualTo("qrcode");
			assertThat(task.at("/results/0/scene").asString()).isEqualTo("qrcode");
			String callback = callbacks(receiver).get(0);
			assertThat(callback).contains(taskId).contains("\"auditResult\"").contains("\"block\"");
			page.context().close();
		}
	}

	@Test
	void theMediaEndpointServesOnlyItemsTheReviewerMaySee() {
		Fixtures fixtures = new Fixtures(port);
		Fixtures.TenantKey tenant = fixtures.manualTenant(1, "[\"qrcode\"]");
		Fixtures.TenantKey other = fixtures.manualTenant(1, "[\"qrcode\"]");
		escalate(tenant, "photos", "review");
		byte[] png = qrPhoto("https://qr.example/media");
		String taskId = scan(tenant, media.serve("/media.png", png), "[\"qrcode\"]");
		String reviewer = Users.create(port, "mona", "[\"REVIEWER\"]", tenant.uid());
		String stranger = Users.create(port, "otto", "[\"REVIEWER\"]", other.uid());
		String admin = Users.create(port, "tess", "[\"TENANT_ADMIN\"]", tenant.uid());

		Page page = login(reviewer);
		assertThat(page.locator("#task")).hasText(taskId);
		String item = page.locator("#item").getAttribute("data-item-id");
		String mediaUrl = base() + "/console/review/api/items/" + item + "/media";

		APIResponse whole = page.request().get(mediaUrl);
		assertThat(whole.status()).isEqualTo(200);
		assertThat(whole.headers().get("content-type")).isEqualTo("image/png");
		assertThat(whole.headers().get("cache-control")).contains("no-store").contains("private");
		assertThat(whole.body()).isEqualTo(png);
		APIResponse part = page.request().get(mediaUrl, RequestOptions.create().setHeader("Range", "bytes=0-99"));
		assertThat(part.status()).isEqualTo(206);
		assertThat(part.headers().get("content-range")).isEqualTo("bytes 0-99/" + png.length);
		assertThat(part.body()).isEqualTo(java.util.Arrays.copyOf(png, 100));
		assertThat(page.request().get(base() + "/console/review/api/items/" + item + "/frames/0").status())
			.isEqualTo(404);
		assertThat(page.request().get(base() + "/console/review/api/items/999999999/media").status()).isEqualTo(404);

		// another tenant's reviewer: exactly like a missing item; a user without the
		// role:
		// refused
		Page strangers = login(stranger);
		APIResponse foreign = strangers.request().get(mediaUrl);
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.text()).doesNotContain(taskId);
		Page admins = login(admin);
		assertThat(admins.request().get(mediaUrl).status()).isEqualTo(403);

		// once decided, the item's media is gone from the workbench's reach
		page.keyboard().press("p");
		page.navigate(base() + "/console");
		Await.audited(tenant.api(), taskId);
		assertThat(page.request().get(mediaUrl).status()).isEqualTo(404);
		page.context().close();
		strangers.context().close();
		admins.context().close();
	}

	@Test
	void theImageGridShowsTheStoredImagesVeiled() {
		Fixtures.TenantKey tenant = new Fixtures(port).manualTenant(1, "[\"qrcode\"]");
		escalate(tenant, "photos", "review");
		scan(tenant, media.serve("/grid-1.png", qrPhoto("https://qr.example/one")), "[\"qrcode\"]");
		scan(tenant, media.serve("/grid-2.png", qrPhoto("https://qr.example/two")), "[\"qrcode\"]");
		String reviewer = Users.create(port, "gina", "[\"REVIEWER\"]", tenant.uid());

		Page page = Browser.login(browser.newPage(), port, reviewer, Users.PASSWORD, "/console/review/grid");
		page.mouse().move(2, 760);
		assertThat(page.locator(".tile img")).hasCount(2);
		page.waitForFunction(
				"() => [...document.querySelectorAll('.tile img')]" + ".every(i => i.complete && i.naturalWidth > 0)");
		assertThat(filter(page, ".tile img >> nth=0")).contains("blur").contains("grayscale");
		Browser.screenshot(page, "review-grid-images");
		page.locator(".tile input[type=checkbox]").first().check();
		page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
				new Page.GetByRoleOptions().setName("Submit page"))
			.click();
		assertThat(page.locator(".flash.ok")).containsText("Decided 2 images: 1 blocked, 1 passed.");
		page.context().close();
	}

	@Test
	void theDeadlineCountsDownAndABreakIsSuggestedAfterTheConfiguredTime() {
		Fixtures.TenantKey tenant = new Fixtures(port).manualTenant(1, "[\"abuse\"]");
		Api.Response submitted = tenant.api()
			.post("/v1/manual-reviews", "{\"kind\":\"text\",\"tasks\":[{\"dataId\":\"t1\",\"content\":\"a text\"}]}");
		assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
		String reviewer = Users.create(port, "bea", "[\"REVIEWER\"]", tenant.uid());

		// the page's clock is Playwright's: time is moved on by the test, no waiting
		Page page = browser.newPage();
		page.clock().install();
		Browser.login(page, port, reviewer, Users.PASSWORD);
		assertThat(page.locator("main")).hasAttribute("data-break-ms", "3000000");
		assertThat(page.locator("#deadline")).containsText("Deadline in");
		long first = secondsLeft(page);
		assertThat(first).isBetween(25 * 60L, 30 * 60L);
		assertThat(page.locator("#break")).isHidden();

		page.clock().fastForward(10 * 60_000L);
		assertThat(page.locator("#deadline")).containsText("Deadline in");
		assertThat(secondsLeft(page)).isBetween(first - 10 * 60 - 5, first - 10 * 60 + 1);
		assertThat(page.locator("#break")).isHidden();

		// 50 minutes of work (vetter.console.break-after) in all
		page.clock().fastForward(40 * 60_000L + 20_000L);
		assertThat(page.locator("#break")).isVisible();
		assertThat(page.locator("#break-text")).containsText("You have been reviewing for 50 minutes");
		assertThat(page.locator("#deadline")).containsText("Overdue by");
		assertThat(page.locator("#deadline")).hasClass(Pattern.compile(".*\\blate\\b.*"));
		page.locator("#break-done").click();
		assertThat(page.locator("#break")).isHidden();
		page.clock().fastForward(5 * 60_000L);
		assertThat(page.locator("#break")).isHidden();
		page.context().close();
	}

	private static long secondsLeft(Page page) {
		Matcher m = Pattern.compile("Deadline in (\\d+)h (\\d+)m (\\d+)s")
			.matcher(page.locator("#deadline").textContent());
		assertThat(m.find()).as(page.locator("#deadline").textContent()).isTrue();
		return Long.parseLong(m.group(1)) * 3600 + Long.parseLong(m.group(2)) * 60 + Long.parseLong(m.group(3));
	}

}
