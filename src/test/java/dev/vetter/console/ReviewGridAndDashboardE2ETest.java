package dev.vetter.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import dev.vetter.support.Api;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;

import tools.jackson.databind.JsonNode;

/**
 * A page of images decided with one submit (marked ones blocked, the rest passed), then
 * the operators' dashboard showing the queue and the reviewer's decisions.
 */
@ConsoleTest
class ReviewGridAndDashboardE2ETest extends ConsoleBrowserTest {

	@Test
	void aGridPageOfImagesIsDecidedWithOneSubmitAndTheDashboardShowsIt() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"porn\",\"ad\"]");
		Api.Response submitted = tenant.api()
			.post("/v1/manual-reviews", "{\"kind\":\"image\",\"tasks\":[{\"url\":\"https://img.example/1.png\"},"
					+ "{\"url\":\"https://img.example/2.png\"},{\"url\":\"https://img.example/3.png\"}]}");
		assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
		List<String> tasks = new ArrayList<>();
		submitted.json().get("tasks").forEach(t -> tasks.add(t.get("taskId").asString()));
		// another tenant's text waits, for the dashboard
		Fixtures.TenantKey other = fx.manualTenant(1, "[\"abuse\"]");
		other.api().post("/v1/manual-reviews", "{\"kind\":\"text\",\"tasks\":[{\"content\":\"waiting text\"}]}");
		String reviewer = Users.create(port, "gil", "[\"REVIEWER\"]", tenant.uid());
		// queued once the fetch of their (unresolvable) URLs gave up
		Await.queued(port, tenant.uid(), 3);

		// straight to the grid: the workbench would claim (prefetch) images of its own
		Page page = Browser.login(browser.newPage(), port, reviewer, Users.PASSWORD, "/console/review/grid");
		assertThat(page.url()).contains("/console/review/grid");
		assertThat(page.locator(".tile")).hasCount(3);
		assertThat(page.locator(".tile .media.veiled")).hasCount(3);
		assertThat(page.locator(".tile img")).hasCount(0);
		String second = page.locator(".tile").nth(1).getAttribute("data-item-id");
		page.locator("#block-" + second).check();
		assertThat(page.locator(".tile").nth(1)).hasClass(java.util.regex.Pattern.compile("blocked"));
		page.getByLabel("Label for blocked images").selectOption("ad");
		Browser.screenshot(page, "review-grid");
		page.getByText("Submit page").click();
		assertThat(page.locator(".flash.ok")).hasText("Decided 3 images: 1 blocked, 2 passed.");

		List<String> verdicts = new ArrayList<>();
		for (String task : tasks) {
			JsonNode audited = Await.audited(tenant.api(), task);
			verdicts
				.add(audited.at("/auditResult/suggestion").asString() + audited.at("/auditResult/labels").toString());
		}
		assertThat(verdicts).containsExactlyInAnyOrder("pass[]", "pass[]", "block[\"ad\"]");
		page.context().close();

		Page operator = Browser.login(browser.newPage(), port, Api.OPERATOR, Api.OPERATOR_PASSWORD);
		assertThat(operator.locator("#queues")).containsText(String.valueOf(other.uid()));
		assertThat(operator.locator("#reviewer-hours")).containsText(reviewer);
		assertThat(Integer.parseInt(operator.locator("#decided").textContent())).isGreaterThanOrEqualTo(3);
		assertThat(operator.locator("#p95")).containsText(" s");
		Browser.screenshot(operator, "operator-dashboard");
		operator.context().close();
	}

}
