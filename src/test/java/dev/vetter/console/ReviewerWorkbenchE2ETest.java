package dev.vetter.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.RequestOptions;

import dev.vetter.support.Api;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;

import tools.jackson.databind.JsonNode;

/**
 * The reviewer's workbench in a real browser: a scan escalates a text, a reviewer blocks
 * it with one key and the verdict reaches the task and the tenant's callback; undo within
 * the window gives the item back untouched; CSRF guards the workbench's posts.
 */
@ConsoleTest
class ReviewerWorkbenchE2ETest extends ConsoleBrowserTest {

	@Test
	void reviewerBlocksAnEscalatedTextWithOneKeyAndTheVerdictReachesTaskAndCallback() {
		Fixtures.TenantKey tenant = new Fixtures(port).manualTenant(1, "[\"abuse\",\"ad\"]");
		try (CallbackReceiver receiver = new CallbackReceiver()) {
			assertThat(tenant.api()
				.put("/v1/notifications", "{\"url\":\"" + receiver.url() + "\",\"types\":[\"review\"]}")
				.status()).isEqualTo(200);
			long lib = Fixtures.reviewWords(tenant.api(), "watch", "gobbledygook");
			JsonNode scan = tenant.api()
				.post("/v1/text/moderations", "{\"content\":\"this is pure gobbledygook, friend\"}")
				.json();
			assertThat(scan.get("suggestion").asString()).isEqualTo("review");
			String taskId = scan.get("taskId").asString();
			String reviewer = Users.create(port, "rita", "[\"REVIEWER\"]", tenant.uid());

			Page page = login(reviewer);
			assertThat(page.url()).endsWith("/console/review");
			assertThat(page.locator("#task")).hasText(taskId);
			assertThat(page.locator("#text mark")).hasText("gobbledygook");
			assertThat(page.locator("#criteria")).hasText("No insults.");
			assertThat(page.locator("#deadline")).containsText("Deadline in");
			page.keyboard().press("1");
			assertThat(page.locator("#labels button").first()).hasAttribute("aria-pressed", "true");
			Browser.screenshot(page, "workbench");
			page.keyboard().press("?");
			assertThat(page.locator("#keys")).isVisible();
			Browser.screenshot(page, "workbench-keys");
			page.keyboard().press("?");
			page.keyboard().press("b");
			assertThat(page.locator("#undo")).isVisible();
			assertThat(page.locator("#empty")).isVisible();
			// leaving the page sends the held decision at once (sendBeacon)
			page.navigate(base() + "/console");

			JsonNode task = Await.audited(tenant.api(), taskId);
			assertThat(task.at("/auditResult/suggestion").asString()).isEqualTo("block");
			assertThat(task.at("/auditResult/labels/0").asString()).isEqualTo("abuse");
			String callback = callbacks(receiver).get(0);
			assertThat(callback).contains(taskId).contains("\"auditResult\"").contains("\"block\"");
			page.context().close();
		}
	}

	@Test
	void undoWithinTheWindowGivesTheItemBackAndNothingIsRecorded() {
		Fixtures.TenantKey tenant = new Fixtures(port).manualTenant(1, "[\"abuse\"]");
		Api.Response submitted = tenant.api()
			.post("/v1/manual-reviews",
					"{\"kind\":\"text\",\"tasks\":[{\"dataId\":\"u1\",\"content\":\"first text\"},{\"dataId\":\"u2\",\"content\":\"second text\"}]}");
		assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
		String first = submitted.json().at("/tasks/0/taskId").asString();
		String reviewer = Users.create(port, "uma", "[\"REVIEWER\"]", tenant.uid());

		Page page = login(reviewer);
		assertThat(page.locator("#task")).hasText(first);
		String firstItem = page.locator("#item").getAttribute("data-item-id");
		page.keyboard().press("p");
		assertThat(page.locator("#task")).not().hasText(first);
		assertThat(page.locator("#undo")).isVisible();
		page.keyboard().press("u");
		assertThat(page.locator("#task")).hasText(first);
		assertThat(page.locator("#item")).hasAttribute("data-item-id", firstItem);
		assertThat(page.locator("#undo")).isHidden();

		List<String> events = Api.operator(port)
			.get("/v1/review/items/" + firstItem + "/events")
			.json()
			.valueStream()
			.map(e -> e.get("type").asString())
			.toList();
		assertThat(events).doesNotContain("DECIDED");
		assertThat(tenant.api().get("/v1/tasks/" + first).json().get("auditResult")).isNull();

		// decided for real now: blocked, flushed when the page is left
		page.keyboard().press("1");
		page.keyboard().press("b");
		page.navigate(base() + "/console");
		assertThat(Await.audited(tenant.api(), first).at("/auditResult/suggestion").asString()).isEqualTo("block");
		page.context().close();
	}

	@Test
	void aLeadSeesTheDisagreementWithBothEarlierVerdictsAndSettlesIt() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(2, "[\"abuse\"]");
		Api.Response submitted = tenant.api()
			.post("/v1/manual-reviews",
					"{\"kind\":\"text\",\"tasks\":[{\"dataId\":\"d1\",\"content\":\"a disputed text\"}]}");
		assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
		String taskId = submitted.json().at("/tasks/0/taskId").asString();
		String firstName = Users.create(port, "pia", "[\"REVIEWER\"]", tenant.uid());
		String secondName = Users.create(port, "quin", "[\"REVIEWER\"]", tenant.uid());
		Api first = new Api(port, firstName, Users.PASSWORD);
		Api second = new Api(port, secondName, Users.PASSWORD);
		assertThat(Fixtures.decide(first, Fixtures.claim(first), "{\"suggestion\":\"pass\"}").status()).isEqualTo(200);
		Api.Response disagreed = Fixtures.decide(second, Fixtures.claim(second),
				"{\"suggestion\":\"block\",\"labels\":[\"abuse\"]}");
		assertThat(disagreed.status()).as(disagreed.body()).isEqualTo(200);
		String lead = Users.create(port, "lena", "[\"REVIEWER\",\"LEAD\"]", tenant.uid());

		Page page = Browser.login(browser.newPage(), port, lead, Users.PASSWORD, "/console/review/escalations");
		Locator row = page.locator("tbody tr", new Page.LocatorOptions().setHasText(taskId));
		assertThat(row).hasCount(1);
		assertThat(row.locator("li")).hasText(new String[] { firstName + ": pass", secondName + ": block [abuse]" });
		Browser.screenshot(page, "review-escalations");

		page.navigate(base() + "/console/review");
		assertThat(page.locator("#task")).hasText(taskId);
		assertThat(page.locator("#earlier-box")).isVisible();
		assertThat(page.locator("#earlier li")).hasCount(2);
		page.keyboard().press("1");
		page.keyboard().press("b");
		assertThat(page.locator("#empty")).isVisible();
		page.navigate(base() + "/console");
		JsonNode task = Await.audited(tenant.api(), taskId);
		assertThat(task.at("/auditResult/suggestion").asString()).isEqualTo("block");
		page.navigate(base() + "/console/review/escalations");
		assertThat(page.locator("tbody tr", new Page.LocatorOptions().setHasText(taskId))).hasCount(0);
		page.context().close();
	}

	@Test
	void workbenchPostsWithoutTheCsrfTokenAreRefused() {
		Fixtures.TenantKey tenant = new Fixtures(port).manualTenant(1, "[\"abuse\"]");
		String reviewer = Users.create(port, "cora", "[\"REVIEWER\"]", tenant.uid());
		Page page = login(reviewer);
		assertThat(page.url()).endsWith("/console/review");

		// the session cookie goes along, the token does not
		APIResponse forged = page.request()
			.post(base() + "/console/review/api/claim",
					RequestOptions.create().setHeader("Content-Type", "application/x-www-form-urlencoded"));
		assertThat(forged.status()).isEqualTo(403);
		String token = page.locator("meta[name=csrf-token]").getAttribute("content");
		APIResponse genuine = page.request()
			.post(base() + "/console/review/api/claim", RequestOptions.create().setHeader("X-CSRF-TOKEN", token));
		assertThat(genuine.status()).isEqualTo(204);
		page.context().close();
	}

}
