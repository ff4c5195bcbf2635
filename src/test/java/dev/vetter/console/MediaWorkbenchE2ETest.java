package dev.vetter.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.green.model.v20180509.VideoAsyncScanRequest;
import com.aliyuncs.green.model.v20180509.VideoAsyncScanResultsRequest;
import com.aliyuncs.green.model.v20180509.VoiceAsyncScanRequest;
import com.aliyuncs.green.model.v20180509.VoiceAsyncScanResultsRequest;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import dev.vetter.detection.MediaFixtures;
import dev.vetter.moderation.MediaFiles;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;

import tools.jackson.databind.JsonNode;

/**
 * Video and audio in the reviewer's workbench, in a real browser, on real media jobs (the
 * worker role runs them): a video whose flagged frames escalate is shown in a muted
 * player with its frames veiled, a frame's offset seeks the player, {@code b} blocks it;
 * a spoken phrase of a review library escalates an audio file, shown in a player that is
 * silent until played, with its transcript and hit times, a hit seeks the player,
 * {@code b} blocks it and the player stops.
 */
@ConsoleTest
@TestPropertySource(properties = "vetter.roles=api,worker,console")
class MediaWorkbenchE2ETest extends ConsoleBrowserTest {

	static final MediaFiles media = new MediaFiles();

	@AfterAll
	static void stopMedia() {
		media.close();
	}

	/** The Green result of an asynchronous job once the machine is done with it. */
	private static JsonNode machineResult(Fixtures.TenantKey tenant, AcsRequest<?> results, String taskId) {
		return Await.until(() -> tenant.sdk().call(results, "[\"" + taskId + "\"]").json().at("/data/0"),
				d -> d.get("code").asInt() != 280, "the machine result of " + taskId, Await.MEDIA_JOB);
	}

	/** Waits until the player has loaded the media's metadata (its duration known). */
	private static double duration(Page page, String selector) {
		page.waitForFunction("s => { const m = document.querySelector(s); return m && m.readyState >= 1; }", selector);
		return ((Number) page.locator(selector).evaluate("m => m.duration")).doubleValue();
	}

	/** Waits until the player has finished seeking to about {@code seconds}. */
	private static void awaitPosition(Page page, String selector, double seconds) {
		page.waitForFunction(
				"([s, t]) => { const m = document.querySelector(s);"
						+ " return m && m.readyState >= 1 && !m.seeking && Math.abs(m.currentTime - t) < 0.3; }",
				List.of(selector, seconds));
	}

	private static boolean flag(Page page, String selector, String property) {
		return (Boolean) page.locator(selector).evaluate("m => m." + property);
	}

	@Test
	void aVideoIsShownMutedWithItsFlaggedFramesVeiledAFrameSeeksThePlayerAndBBlocksIt() throws Exception {
		Fixtures.TenantKey tenant = new Fixtures(port).manualTenant(1, "[\"qrcode\",\"ad\"]");
		escalate(tenant, "clips", "review", "block");
		long lib = tenant.api()
			.post("/v1/libraries", "{\"name\":\"pills\",\"kind\":\"TEXT\",\"action\":\"BLOCK\"}")
			.json()
			.get("id")
			.asLong();
		tenant.api().post("/v1/libraries/" + lib + "/entries", "{\"entries\":[\"cheap pills\"]}");
		Path dir = Files.createTempDirectory("vetter-console-video");
		String url = media.file(MediaFixtures.spamVideo(dir.resolve("spam.mp4"), null));
		JsonNode submit = tenant.sdk()
			.call(new VideoAsyncScanRequest(),
					"{\"bizType\":\"clips\",\"scenes\":[\"qrcode\",\"ad\"],\"interval\":1,"
							+ "\"tasks\":[{\"dataId\":\"v1\",\"url\":\"" + url + "\"}]}")
			.json();
		assertThat(submit.at("/data/0/code").asInt()).as(submit.toString()).isEqualTo(200);
		String taskId = submit.at("/data/0/taskId").asString();
		JsonNode machine = machineResult(tenant, new VideoAsyncScanResultsRequest(), taskId);
		assertThat(machine.get("code").asInt()).as(machine.toString()).isEqualTo(200);
		String reviewer = Users.create(port, "vic", "[\"REVIEWER\"]", tenant.uid());

		Page page = login(reviewer);
		page.mouse().move(2, 760);
		assertThat(page.locator("#task")).hasText(taskId);
		assertThat(page.locator("#kind")).hasText("video");
		String player = "#media video.player";
		assertThat(page.locator(player)).hasAttribute("aria-label", "Video of task " + taskId + " (muted)");
		assertThat(duration(page, player)).isBetween(7.5, 8.5);
		assertThat(flag(page, player, "muted")).isTrue();
		assertThat(flag(page, player, "paused")).isTrue();
		assertThat(filter(page, player)).contains("blur").contains("grayscale");

		// the flagged frames with their offsets, each once (the QR code's frame is
		// flagged by
		// both scenes): the QR code at 2 s, the phrase at 4 and 5 s
		Locator frames = page.locator("#media .frames button");
		assertThat(frames.filter(new Locator.FilterOptions().setHasText("0:02.0 qrcode"))).hasCount(1);
		Locator atFour = frames.filter(new Locator.FilterOptions().setHasText("0:04.0 "));
		assertThat(atFour).hasCount(1);
		assertThat(frames).hasText(new String[] { "0:02.0 qrcode (review, 99)", "0:04.0 customized (block, 99.9)",
				"0:05.0 customized (block, 99.9)" });
		page.waitForFunction("() => [...document.querySelectorAll('#media .frames img')]"
				+ ".every(i => i.complete && i.naturalWidth > 0)");
		assertThat(filter(page, "#media .frames img >> nth=0")).contains("blur").contains("grayscale");
		assertThat(page.locator("#media .frames img").first()).hasAttribute("alt", "Frame at 0:02.0");

		atFour.click();
		awaitPosition(page, player, 4.0);
		frames.filter(new Locator.FilterOptions().setHasText("0:02.0 qrcode")).click();
		awaitPosition(page, player, 2.0);
		assertThat(flag(page, player, "muted")).isTrue();
		page.mouse().move(2, 760);
		page.keyboard().press("r");
		assertThat(page.locator(player)).not().hasCSS("filter", Pattern.compile(".*blur.*"));
		Browser.screenshot(page, "workbench-video");
		page.keyboard().press("r");

		// the machine's labels in the agreement are preselected: b blocks with them
		assertThat(page.locator("#labels button").first()).hasAttribute("aria-pressed", "true");
		page.keyboard().press("b");
		assertThat(page.locator("#undo")).isVisible();
		assertThat(page.locator("#empty")).isVisible();
		page.navigate(base() + "/console");

		JsonNode task = Await.audited(tenant.api(), taskId);
		assertThat(task.at("/auditResult/suggestion").asString()).isEqualTo("block");
		assertThat(task.at("/auditResult/labels/0").asString()).isEqualTo("qrcode");
		page.context().close();
	}

	@Test
	void anAudioIsSilentUntilPlayedItsHitSeeksThePlayerAndBBlocksIt() {
		Fixtures.TenantKey tenant = new Fixtures(port).manualTenant(1, "[\"customized\",\"abuse\"]");
		long lib = Fixtures.reviewWords(tenant.api(), "spoken", "password");
		JsonNode submit = tenant.sdk()
			.call(new VoiceAsyncScanRequest(),
					"{\"scenes\":[\"antispam\"],\"tasks\":[{\"dataId\":\"a1\",\"url\":\""
							+ media.resource("media/speech/all.wav") + "\"}]}")
			.json();
		assertThat(submit.at("/data/0/code").asInt()).as(submit.toString()).isEqualTo(200);
		String taskId = submit.at("/data/0/taskId").asString();
		JsonNode machine = machineResult(tenant, new VoiceAsyncScanResultsRequest(), taskId);
		assertThat(machine.get("code").asInt()).as(machine.toString()).isEqualTo(200);
		JsonNode hit = null;
		for (JsonNode d : machine.at("/results/0/details")) {
			if ("password".equals(d.get("keyword").asString())) {
				hit = d;
			}
		}
		assertThat(hit).as(machine.toString()).isNotNull();
		double start = hit.get("startTime").asDouble();
		// all.wav: threat, phone, then "send me your password ..." from 6.44 s
		assertThat(start).isBetween(6.0, 10.0);
		String reviewer = Users.create(port, "ava", "[\"REVIEWER\"]", tenant.uid());

		Page page = login(reviewer);
		assertThat(page.locator("#task")).hasText(taskId);
		assertThat(page.locator("#kind")).hasText("voice");
		String player = "#media audio.player";
		assertThat(page.locator(player)).hasAttribute("aria-label",
				"Audio of task " + taskId + " (muted until played)");
		assertThat(duration(page, player)).isBetween(12.0, 13.0);
		assertThat(flag(page, player, "muted")).isTrue();
		assertThat(flag(page, player, "paused")).isTrue();

		Locator hits = page.locator("#media .hits button");
		assertThat(hits).hasCount(machine.at("/results/0/details").size());
		Locator password = hits.filter(new Locator.FilterOptions().setHasText("\"password\""));
		assertThat(password).hasCount(1);
		assertThat(password).containsText(seconds(start) + "-");
		assertThat(password).containsText("(library spoken)");
		Locator transcript = page.locator("#media .transcript button");
		assertThat(transcript.filter(new Locator.FilterOptions().setHasText("password"))).hasCount(1);
		// each utterance once, at its own time (the first is not the whole transcript)
		assertThat(transcript.first()).containsText("kill you");
		assertThat(transcript.first()).not().containsText("password");

		password.click();
		awaitPosition(page, player, start);
		assertThat(flag(page, player, "muted")).isTrue();
		assertThat(flag(page, player, "paused")).isTrue();
		Browser.screenshot(page, "workbench-audio");

		// played: heard from then on
		page.locator(player).evaluate("a => { a.play().catch(() => {}); }");
		page.waitForFunction("s => { const a = document.querySelector(s); return !a.paused && !a.muted; }", player);

		assertThat(page.locator("#labels button").first()).hasAttribute("aria-pressed", "true");
		page.keyboard().press("b");
		assertThat(page.locator("#empty")).isVisible();
		// the decided item is gone, so no longer heard (an element removed from the page
		// is
		// paused)
		assertThat(page.locator("#media audio")).hasCount(0);
		page.waitForFunction("() => [...document.querySelectorAll('audio, video')].every(m => m.paused)");
		page.navigate(base() + "/console");

		JsonNode task = Await.audited(tenant.api(), taskId);
		assertThat(task.at("/auditResult/suggestion").asString()).isEqualTo("block");
		assertThat(task.at("/auditResult/labels/0").asString()).isEqualTo("customized");
		page.context().close();
	}

	/** As the workbench writes a time: {@code m:ss.s}. */
	private static String seconds(double t) {
		return String.format(Locale.ROOT, "%d:%04.1f", (int) (t / 60), t % 60);
	}

}
