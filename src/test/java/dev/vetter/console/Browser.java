package dev.vetter.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * One Playwright driver and one headless Debian Chromium per test class (starting them is
 * slow on two cores); a fresh browser context (cookies, storage) per user.
 */
final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

	static final Path SCREENSHOTS = Paths.get("docs", "screenshots");

	private final Playwright playwright;

	private final com.microsoft.playwright.Browser chromium;

	private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
		this.playwright = playwright;
		this.chromium = chromium;
	}

	static Browser start() {
		if (!Files.isExecutable(CHROMIUM)) {
			throw new IllegalStateException("The console's browser tests drive Debian's Chromium at " + CHROMIUM
					+ ", which is missing: install it with `apt-get install -y chromium` (see .ci/run)");
		}
		Playwright playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		try {
			com.microsoft.playwright.Browser chromium = playwright.chromium()
				.launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
					.setHeadless(true)
					.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
							"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
			return new Browser(playwright, chromium);
		}
		catch (RuntimeException e) {
			playwright.close();
			throw e;
		}
	}

	/** A new page in its own context (a separate session), at a laptop's screen size. */
	Page newPage() {
		BrowserContext context = chromium
			.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1366, 768));
		return context.newPage();
	}

	/** Logs in through the form; the page lands on the role's home. */
	static Page login(Page page, int port, String username, String password) {
		return login(page, port, username, password, "/login");
	}

	/**
	 * Opens {@code path}, is sent to the login form and, once logged in, back to
	 * {@code path} (the saved request).
	 */
	static Page login(Page page, int port, String username, String password, String path) {
		page.navigate("http://127.0.0.1:" + port + path);
		page.getByLabel("Username").fill(username);
		page.getByLabel("Password").fill(password);
		page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
			.click();
		page.waitForLoadState();
		return page;
	}

	static void screenshot(Page page, String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(false));
	}

	@Override
	public void close() {
		chromium.close();
		playwright.close();
	}

}
