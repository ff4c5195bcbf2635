package dev.vetter.console;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

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

	/** The share of pixels that may change before a screenshot is written again. */
	static final double CHANGED_PIXELS_PERCENT = 2.0;

	/** How far a colour channel may move (0-255) before a pixel counts as changed. */
	private static final int CHANNEL_TOLERANCE = 32;

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

	/**
	 * Saves a screenshot of the page as {@code docs/screenshots/<name>.png}, the images
	 * the README shows, which are committed. Every run differs a little from the last
	 * (user names, task ids, the deadline counting down), so a screenshot is written only
	 * when it {@linkplain #differs differs} visibly from the committed one (another size,
	 * or more than {@value #CHANGED_PIXELS_PERCENT}% of the pixels changed): a test run
	 * leaves the tree clean unless a screen really changed.
	 * {@code -Dvetter.screenshots=write} writes every screenshot regardless (to refresh
	 * them all after a small change).
	 */
	static void screenshot(Page page, String name) {
		byte[] png = page.screenshot(new Page.ScreenshotOptions().setFullPage(false));
		Path file = SCREENSHOTS.resolve(name + ".png");
		try {
			if (!"write".equals(System.getProperty("vetter.screenshots")) && Files.exists(file)
					&& !differs(Files.readAllBytes(file), png)) {
				return;
			}
			Files.createDirectories(SCREENSHOTS);
			Files.write(file, png);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Whether two PNG images differ visibly: another size, or more than
	 * {@value #CHANGED_PIXELS_PERCENT}% of the pixels changed by more than
	 * {@value #CHANNEL_TOLERANCE} in a colour channel. An unreadable image differs.
	 */
	static boolean differs(byte[] before, byte[] after) throws IOException {
		BufferedImage a = ImageIO.read(new ByteArrayInputStream(before));
		BufferedImage b = ImageIO.read(new ByteArrayInputStream(after));
		if (a == null || b == null || a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
			return true;
		}
		long changed = 0;
		long allowed = (long) (a.getWidth() * (long) a.getHeight() * CHANGED_PIXELS_PERCENT / 100);
		for (int y = 0; y < a.getHeight(); y++) {
			for (int x = 0; x < a.getWidth(); x++) {
				int p = a.getRGB(x, y);
				int q = b.getRGB(x, y);
				if (p != q && (channel(p, q, 16) || channel(p, q, 8) || channel(p, q, 0))) {
					if (++changed > allowed) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static boolean channel(int p, int q, int shift) {
		return Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff)) > CHANNEL_TOLERANCE;
	}

	@Override
	public void close() {
		chromium.close();
		playwright.close();
	}

}
