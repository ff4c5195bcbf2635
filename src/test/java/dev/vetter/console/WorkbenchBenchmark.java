package dev.vetter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.Page;

import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;

/**
 * A reviewer decides escalated text items from the keyboard in headless Chromium:
 * decisions per minute, and the time from the key press to the next item painted
 * (measured in the page: keydown to the frame after the next item is in the DOM). Not
 * part of the normal test run:
 *
 * <pre>
 * mvn -B test -Dsurefire.excludedGroups= -Dgroups=bench -Dtest=WorkbenchBenchmark [-Dbench.items=200]
 * </pre>
 */
@Tag("bench")
@ConsoleTest
class WorkbenchBenchmark {

	@LocalServerPort
	int port;

	@Test
	void decideEscalatedTextsFromTheKeyboard() {
		int n = Integer.getInteger("bench.items", 200);
		Fixtures.TenantKey tenant = new Fixtures(port).manualTenant(1, "[\"abuse\"]");
		long lib = Fixtures.reviewWords(tenant.api(), "watch", "gobbledygook");
		List<String> tasks = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			tasks.add(tenant.api()
				.post("/v1/text/moderations", "{\"content\":\"message " + i + " is pure gobbledygook\"}")
				.json()
				.get("taskId")
				.asString());
		}
		String reviewer = Users.create(port, "bench", "[\"REVIEWER\"]", tenant.uid());
		try (Browser browser = Browser.start()) {
			Page page = Browser.login(browser.newPage(), port, reviewer, Users.PASSWORD);
			page.waitForSelector("#item[data-item-id]");
			long start = System.nanoTime();
			String shown = page.locator("#item").getAttribute("data-item-id");
			for (int i = 0; i < n; i++) {
				if (i % 10 == 0) {
					page.keyboard().press("1"); // a label, then block
					page.keyboard().press("b");
				}
				else {
					page.keyboard().press("p");
				}
				if (i < n - 1) {
					String previous = shown;
					page.waitForFunction("id => { const e = document.getElementById('item');"
							+ " return e.dataset.itemId && e.dataset.itemId !== id; }", previous);
					shown = page.locator("#item").getAttribute("data-item-id");
				}
			}
			page.waitForSelector("#empty:not([hidden])");
			double seconds = (System.nanoTime() - start) / 1e9;
			@SuppressWarnings("unchecked")
			List<Number> timings = (List<Number>) page.evaluate("window.vetterTimings");
			page.navigate("http://127.0.0.1:" + port + "/console");
			for (String task : tasks) {
				Await.audited(tenant.api(), task);
			}
			double[] ms = timings.stream().mapToDouble(Number::doubleValue).sorted().toArray();
			assertThat(ms.length).isGreaterThanOrEqualTo(n - 1);
			System.out.printf("%n| items | seconds | decisions/min | key to next item p50 | p95 | max |%n");
			System.out.printf("|---|---|---|---|---|---|%n");
			System.out.printf("| %d | %.1f | %.0f | %.1f ms | %.1f ms | %.1f ms |%n%n", n, seconds, n / seconds * 60,
					pct(ms, 0.50), pct(ms, 0.95), ms[ms.length - 1]);
		}
	}

	private static double pct(double[] sorted, double p) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
	}

}
