package dev.vetter.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;

import dev.vetter.support.Fixtures;

/**
 * The tenant console in a real browser: no manual-review option anywhere until an
 * operator enables the service, then all of them; only the admin's own tenant; CSRF on
 * form posts; notification settings with the seed shown once and a test delivery.
 */
@ConsoleTest
class TenantConsoleE2ETest extends ConsoleBrowserTest {

	/** Every page of the tenant console that exists without the manual review service. */
	private List<String> pages(long libraryId) {
		return List.of("/console/tenant", "/console/tenant/notifications", "/console/tenant/policies",
				"/console/tenant/policies?edit=chat", "/console/tenant/libraries",
				"/console/tenant/libraries/" + libraryId, "/console/tenant/results", "/console/tenant/deliveries");
	}

	@Test
	void manualReviewOptionsAppearNowhereUntilAnOperatorEnablesTheService() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		long library = tenant.api()
			.post("/v1/libraries", "{\"name\":\"words\",\"kind\":\"TEXT\",\"action\":\"BLOCK\"}")
			.json()
			.get("id")
			.asLong();
		tenant.api().put("/v1/biz-types/chat", "{\"lexicons\":true}");
		String admin = Users.create(port, "tina", "[\"TENANT_ADMIN\"]", tenant.uid());
		Page page = login(admin);
		assertThat(page.url()).endsWith("/console/tenant");

		for (String path : pages(library)) {
			Response response = page.navigate(base() + path);
			assertThat(response.status()).as(path).isEqualTo(200);
			assertThat(page.content().toLowerCase(Locale.ROOT)).as(path).doesNotContain("manual");
			assertThat(page.locator("[data-manual-review], input[name=escalation], a[href*=manual]").count()).as(path)
				.isZero();
		}
		assertThat(page.navigate(base() + "/console/tenant/manual").status()).isEqualTo(404);
		page.navigate(base() + "/console/tenant/policies?edit=chat");
		Browser.screenshot(page, "tenant-policies-without-manual-review");

		// an operator enables the service in the operator console
		Page operator = Browser.login(browser.newPage(), port, dev.vetter.support.Api.OPERATOR,
				dev.vetter.support.Api.OPERATOR_PASSWORD);
		assertThat(operator.url()).endsWith("/console/operator");
		operator.navigate(base() + "/console/operator/tenants/" + tenant.uid());
		operator.getByLabel("Manual review enabled").check();
		operator.getByLabel("Labels (comma separated)").fill("abuse, ad");
		operator.getByLabel("Review criteria (shown to reviewers)").fill("Insults are blocked.");
		operator.getByLabel("text", new Page.GetByLabelOptions().setExact(true)).fill("20");
		Browser.screenshot(operator, "operator-agreement");
		operator.getByText("Save agreement").click();
		assertThat(operator.locator(".flash.ok")).containsText("manual review is enabled");
		operator.context().close();

		page.navigate(base() + "/console/tenant");
		assertThat(page.locator("nav a[href='/console/tenant/manual']")).hasText("Manual review");
		page.navigate(base() + "/console/tenant/policies?edit=chat");
		assertThat(page.locator("fieldset[data-manual-review] legend")).hasText("Escalation to manual review");
		page.navigate(base() + "/console/tenant/notifications");
		assertThat(page.getByLabel("Human verdicts of manual review (review)")).isVisible();
		page.navigate(base() + "/console/tenant/manual");
		page.getByLabel("One task per line: the text itself, or the media URL").fill("please look at this");
		page.getByText("Queue for manual review").click();
		assertThat(page.locator(".flash.ok")).hasText("1 of 1 tasks queued for people.");
		Browser.screenshot(page, "tenant-manual-submission");
		page.context().close();
	}

	@Test
	void aTenantAdminSeesOnlyItsOwnTenant() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey mine = fx.tenant();
		Fixtures.TenantKey theirs = fx.tenant();
		long theirLibrary = theirs.api()
			.post("/v1/libraries", "{\"name\":\"their-secret-list\",\"kind\":\"TEXT\",\"action\":\"BLOCK\"}")
			.json()
			.get("id")
			.asLong();
		String admin = Users.create(port, "ada", "[\"TENANT_ADMIN\"]", mine.uid());
		Page page = login(admin);

		Response foreign = page.navigate(base() + "/console/tenant/libraries/" + theirLibrary);
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(page.content()).doesNotContain("their-secret-list");
		page.navigate(base() + "/console/tenant/libraries");
		assertThat(page.content()).doesNotContain("their-secret-list");
		assertThat(page.navigate(base() + "/console/operator/tenants/" + theirs.uid()).status()).isEqualTo(403);
		assertThat(page.navigate(base() + "/console/operator").status()).isEqualTo(403);
		assertThat(page.navigate(base() + "/console/review").status()).isEqualTo(403);
		page.context().close();
	}

	@Test
	void formPostsWithoutTheCsrfTokenAreRefused() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		String admin = Users.create(port, "cid", "[\"TENANT_ADMIN\"]", tenant.uid());
		Page page = login(admin);

		APIResponse forged = page.request()
			.post(base() + "/console/tenant/libraries", RequestOptions.create()
				.setForm(FormData.create().set("name", "forged").set("kind", "TEXT").set("action", "BLOCK")));
		assertThat(forged.status()).isEqualTo(403);
		assertThat(tenant.api().get("/v1/libraries").body()).doesNotContain("forged");

		// the page's own form carries the token
		page.navigate(base() + "/console/tenant/libraries");
		page.getByLabel("Name").fill("genuine");
		page.getByText("Create").click();
		assertThat(page.locator("h1")).containsText("genuine");
		page.getByLabel("One entry per line", new Page.GetByLabelOptions().setExact(true))
			.fill("first phrase\nsecond phrase");
		page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
				new Page.GetByRoleOptions().setName("Add").setExact(true))
			.click();
		assertThat(page.locator(".flash.ok")).hasText("2 entries added.");
		assertThat(tenant.api().get("/v1/libraries").body()).contains("genuine");
		Browser.screenshot(page, "tenant-library");
		page.context().close();
	}

	@Test
	void aTenantAdminBuildsAnImageLibraryFromAnUploadAndRemovesTheEntry() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		String admin = Users.create(port, "ida", "[\"TENANT_ADMIN\"]", tenant.uid());
		Page page = login(admin);

		page.navigate(base() + "/console/tenant/libraries");
		page.getByLabel("Name").fill("banned-pictures");
		page.getByLabel("Kind").selectOption("IMAGE");
		page.getByLabel("Max PDQ distance (IMAGE)").fill("24");
		page.getByText("Create").click();
		assertThat(page.locator("h1")).containsText("banned-pictures");
		assertThat(page.locator("main")).containsText("at most 24 of 256 bits");
		page.getByLabel("Or image files (JPEG, PNG, GIF, BMP, WebP)")
			.setInputFiles(new com.microsoft.playwright.options.FilePayload[] {
					new com.microsoft.playwright.options.FilePayload("banned.png", "image/png",
							dev.vetter.detection.image.TestImages
								.encode(dev.vetter.detection.image.TestImages.scene(71, 400, 300), "png")),
					new com.microsoft.playwright.options.FilePayload("notes.txt", "text/plain",
							"no picture".getBytes(StandardCharsets.UTF_8)) });
		page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
				new Page.GetByRoleOptions().setName("Add").setExact(true))
			.click();
		assertThat(page.locator(".flash.ok")).containsText("1 images added.");
		assertThat(page.locator(".flash.ok")).containsText("notes.txt");
		assertThat(page.locator("table code")).hasText(java.util.regex.Pattern.compile("[0-9a-f]{64}"));
		assertThat(page.locator("table")).containsText("upload: banned.png");
		Browser.screenshot(page, "tenant-image-library");

		page.getByLabel(java.util.regex.Pattern.compile("Remove image \\d+")).check();
		page.getByText("Remove selected").click();
		assertThat(page.locator(".flash.ok")).hasText("1 images removed.");
		assertThat(page.locator("table")).hasCount(0);
		page.context().close();
	}

	@Test
	void aTenantAdminSetsAndClearsImageThresholdsOnThePolicyPage() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		tenant.api().put("/v1/biz-types/photos", "{\"minRates\":{\"abuse\":70},\"links\":\"review\"}");
		String admin = Users.create(port, "ivy", "[\"TENANT_ADMIN\"]", tenant.uid());
		Page page = Browser.login(browser.newPage(), port, admin, Users.PASSWORD);

		page.navigate(base() + "/console/tenant/policies?edit=photos");
		assertThat(page.getByLabel("Porn score from which images go to review")).hasAttribute("placeholder", "0.8");
		assertThat(page.getByLabel("Porn score from which images are blocked")).hasAttribute("placeholder", "never");
		page.getByLabel("Porn score from which images go to review").fill("0.6");
		page.getByLabel("Porn score from which images are blocked").fill("0.95");
		page.getByLabel("Sexy score from which images are blocked").fill("0.99");
		page.getByLabel("An image with a QR code").selectOption("block");
		Browser.screenshot(page, "tenant-policy-image-thresholds");
		page.getByText("Save policy").click();
		assertThat(page.locator(".flash.ok")).hasText("Policy photos saved.");
		assertThat(page.locator("tbody tr td").nth(5))
			.hasText("porn review from 0.6; porn block from 0.95; sexy block from 0.99; QR code block");

		var stored = tenant.api().get("/v1/biz-types/photos").json();
		assertThat(stored.at("/image/pornReview").asDouble()).isEqualTo(0.6);
		assertThat(stored.at("/image/pornBlock").asDouble()).isEqualTo(0.95);
		assertThat(stored.at("/image/sexyBlock").asDouble()).isEqualTo(0.99);
		assertThat(stored.at("/image/sexyReview").isMissingNode()).isTrue();
		assertThat(stored.at("/image/qrcode").asString()).isEqualTo("block");
		// what the page does not show is kept
		assertThat(stored.at("/minRates/abuse").asDouble()).isEqualTo(70.0);
		assertThat(stored.at("/links").asString()).isEqualTo("review");

		// a block threshold under the review threshold is refused with the field named
		page.navigate(base() + "/console/tenant/policies?edit=photos");
		assertThat(page.getByLabel("Porn score from which images go to review")).hasValue("0.6");
		page.getByLabel("Porn score from which images are blocked").fill("0.5");
		page.getByText("Save policy").click();
		assertThat(page.locator(".flash.error"))
			.containsText("image.pornReview (0.6) must not be above image.pornBlock (0.5)");
		assertThat(tenant.api().get("/v1/biz-types/photos").json().at("/image/pornBlock").asDouble()).isEqualTo(0.95);

		// cleared fields fall back to the defaults
		page.navigate(base() + "/console/tenant/policies?edit=photos");
		page.getByLabel("Porn score from which images go to review").fill("");
		page.getByLabel("Porn score from which images are blocked").fill("");
		page.getByLabel("Sexy score from which images are blocked").fill("");
		page.getByLabel("An image with a QR code").selectOption("");
		page.getByText("Save policy").click();
		assertThat(page.locator("tbody tr td").nth(5)).hasText("defaults");
		assertThat(tenant.api().get("/v1/biz-types/photos").json().at("/image").size()).isZero();
		page.context().close();
	}

	@Test
	void notificationSeedIsShownOnceAndTheTestButtonDelivers() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		String admin = Users.create(port, "nia", "[\"TENANT_ADMIN\"]", tenant.uid());
		try (CallbackReceiver receiver = new CallbackReceiver()) {
			Page page = login(admin);
			page.navigate(base() + "/console/tenant/notifications");
			page.getByLabel("Callback URL").fill(receiver.url());
			page.getByLabel("Checksum digest (crypt type)").selectOption("SM3");
			page.getByText("Save", new Page.GetByTextOptions().setExact(true)).click();
			assertThat(page.locator("#seed")).hasText(java.util.regex.Pattern.compile("[A-Za-z0-9]{32}"));
			Browser.screenshot(page, "tenant-notifications");
			page.reload();
			assertThat(page.locator("#seed")).hasCount(0);

			page.getByText("Send a test callback").click();
			assertThat(page.locator("#test-result")).containsText("queued");
			String body = callbacks(receiver).get(0);
			assertThat(body).contains("\"test\":true");
			page.navigate(base() + "/console/tenant/deliveries");
			assertThat(page.locator("tbody tr")).hasCount(1);
			assertThat(page.locator("tbody tr td").nth(3)).hasText("DELIVERED");
			page.locator("tbody button").click();
			assertThat(page.locator(".flash.ok")).containsText("queued again");
			Browser.screenshot(page, "tenant-delivery");
			page.context().close();
		}
	}

	@Test
	void accessKeysCannotLogInAndRepeatedFailuresAreThrottled() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		Page page = Browser.login(browser.newPage(), port, tenant.accessKeyId(), tenant.secret());
		assertThat(page.url()).endsWith("/login?error");
		assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
			.hasText("Wrong username or password.");

		String admin = Users.create(port, "tom", "[\"TENANT_ADMIN\"]", tenant.uid());
		int limit = 10; // vetter.security.login-throttle.per-principal-and-address
		for (int i = 0; i < limit; i++) {
			Browser.login(page, port, admin, "wrong-password");
			assertThat(page.url()).endsWith("/login?error");
		}
		page.navigate(base() + "/login");
		page.getByLabel("Username").fill(admin);
		page.getByLabel("Password").fill(Users.PASSWORD);
		Response throttled = page.waitForResponse(
				r -> r.url().endsWith("/login") && "POST".equals(r.request().method()),
				() -> page
					.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
							new Page.GetByRoleOptions().setName("Log in"))
					.click());
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
			.containsText("Too many failed logins");
		page.context().close();
	}

}
