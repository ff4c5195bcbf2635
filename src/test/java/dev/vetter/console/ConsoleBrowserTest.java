package dev.vetter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.Page;

import dev.vetter.callbacks.internal.DeliveryWorker;
import dev.vetter.support.Api;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;

/**
 * What every console browser test shares: one {@link Browser} for the class (started
 * before the first test, closed after the last), the server's port, logging a user in,
 * and the callbacks a {@link CallbackReceiver} was sent (delivered by driving the
 * {@link DeliveryWorker}, which {@link ConsoleTest} switches off).
 */
abstract class ConsoleBrowserTest {

	static Browser browser;

	@LocalServerPort
	int port;

	@Autowired
	DeliveryWorker worker;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.start();
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.close();
			browser = null;
		}
	}

	String base() {
		return "http://127.0.0.1:" + port;
	}

	/** A new session for {@code username}, landed on the role's home. */
	Page login(String username) {
		return Browser.login(browser.newPage(), port, username, Users.PASSWORD);
	}

	/**
	 * Sends results of {@code bizType} whose suggestion is one of {@code suggestions} to
	 * people (the tenant needs manual review on).
	 */
	static void escalate(Fixtures.TenantKey tenant, String bizType, String... suggestions) {
		String list = Arrays.stream(suggestions).map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
		Api.Response policy = tenant.api()
			.put("/v1/biz-types/" + bizType, "{\"escalation\":{\"suggestions\":[" + list + "]}}");
		assertThat(policy.status()).as(policy.body()).isEqualTo(200);
	}

	/** The computed CSS {@code filter} of the element (the veil: blur and greyscale). */
	static String filter(Page page, String selector) {
		return (String) page.locator(selector).evaluate("e => getComputedStyle(e).filter");
	}

	/**
	 * The callback bodies {@code receiver} was sent (URL-decoded), once there is at least
	 * one; due deliveries are sent while waiting.
	 */
	List<String> callbacks(CallbackReceiver receiver) {
		return Await.until(() -> {
			worker.deliverDue();
			return receiver.bodies().stream().map(b -> URLDecoder.decode(b, StandardCharsets.UTF_8)).toList();
		}, bodies -> !bodies.isEmpty(), "a callback");
	}

}
