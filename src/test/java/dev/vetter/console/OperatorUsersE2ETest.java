package dev.vetter.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;

import dev.vetter.support.Api;
import dev.vetter.support.Fixtures;

/**
 * The operator console's user page: an operator changes the tenants a reviewer works for,
 * the reviewer's next claim follows; the form post needs the CSRF token.
 */
@ConsoleTest
class OperatorUsersE2ETest extends ConsoleBrowserTest {

	@Test
	void anOperatorMovesAReviewerToAnotherTenantFromTheConsole() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey first = fx.manualTenant(1, "[\"abuse\"]");
		Fixtures.TenantKey second = fx.manualTenant(1, "[\"abuse\"]");
		Api.Response submitted = second.api()
			.post("/v1/manual-reviews", "{\"kind\":\"text\",\"tasks\":[{\"dataId\":\"c1\",\"content\":\"console team "
					+ System.nanoTime() + "\"}]}");
		assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
		String reviewer = Users.create(port, "rita", "[\"REVIEWER\"]", first.uid());
		Api reviewerApi = new Api(port, reviewer, Users.PASSWORD);
		assertThat(reviewerApi.post("/v1/review/claims", "").status()).isEqualTo(204);

		Page page = Browser.login(browser.newPage(), port, Api.OPERATOR, Api.OPERATOR_PASSWORD);
		page.navigate(base() + "/console/operator/users");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit tenants of " + reviewer)).click();
		assertThat(page.locator("h1")).hasText("User " + reviewer);
		Pattern firstLabel = Pattern.compile("\\(" + first.uid() + "\\)$");
		Pattern secondLabel = Pattern.compile("\\(" + second.uid() + "\\)$");
		assertThat(page.getByLabel(firstLabel)).isChecked();
		assertThat(page.getByLabel(secondLabel)).not().isChecked();
		page.getByLabel(firstLabel).uncheck();
		page.getByLabel(secondLabel).check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save tenants")).click();
		assertThat(page.locator(".flash.ok")).hasText("Tenants of " + reviewer + " saved.");
		assertThat(page.getByLabel(secondLabel)).isChecked();
		assertThat(page.getByLabel(firstLabel)).not().isChecked();
		assertThat(reviewerApi.post("/v1/review/claims", "").status()).isEqualTo(200);

		// a post without the page's token changes nothing
		APIResponse forged = page.request()
			.post(base() + "/console/operator/users/" + reviewer + "/tenants",
					RequestOptions.create().setForm(FormData.create().set("allTenants", "true")));
		assertThat(forged.status()).isEqualTo(403);
		page.reload();
		assertThat(page.getByLabel("All tenants")).not().isChecked();
		page.context().close();
	}

}
