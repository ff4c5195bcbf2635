package dev.vetter.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.aliyuncs.green.model.v20180509.VideoAsyncScanRequest;
import com.aliyuncs.green.model.v20180509.VideoAsyncScanResultsRequest;

import dev.vetter.detection.image.TestImages;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;
import dev.vetter.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Client-extracted frames on {@code /green/video/asyncscan} ({@code frames[]} of
 * {@code {url, offset}} with {@code framePrefix}), through Alibaba's SDK: each frame is
 * fetched from a local HTTP server, analysed like a sampled frame and reported at the
 * client's offset; a frame that cannot be fetched is reported with its code, and only a
 * task whose frames all fail fails.
 */
@IntegrationTest
@TestPropertySource(properties = { "vetter.roles=api,worker,console", "vetter.security.allow-private-targets=true" })
class ClientFramesTest {

	static final MediaFiles media = new MediaFiles();

	@LocalServerPort
	int port;

	@AfterAll
	static void stopServer() {
		media.close();
	}

	/** 640x360 grey, optionally with a QR code or a line of black text. */
	static byte[] frame(String qr, String text) {
		BufferedImage image = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(new Color(200, 200, 200));
		g.fillRect(0, 0, 640, 360);
		if (qr != null) {
			g.drawImage(TestImages.qrCode(qr, 6), 200, 60, null);
		}
		if (text != null) {
			g.setColor(Color.BLACK);
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 64));
			g.drawString(text, 60, 200);
		}
		g.dispose();
		return TestImages.encode(image, "png");
	}

	private static List<Double> offsets(JsonNode scene) {
		List<Double> out = new ArrayList<>();
		scene.path("frames").forEach(f -> out.add(f.get("offset").asDouble()));
		return out;
	}

	private static JsonNode result(Fixtures.TenantKey tenant, String taskId) {
		return Await.until(() -> tenant.sdk()
			.call(new VideoAsyncScanResultsRequest(), "[\"" + taskId + "\"]")
			.json()
			.at("/data/0"), d -> d.get("code").asInt() != 280, "the video result", Await.MEDIA_JOB);
	}

	@Test
	void clientFramesAreFlaggedAtTheirOffsetsAndAFrameThatCannotBeFetchedIsReportedAlone() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		long lib = tenant.api()
			.post("/v1/libraries", "{\"name\":\"pills\",\"kind\":\"TEXT\",\"action\":\"BLOCK\"}")
			.json()
			.get("id")
			.asLong();
		tenant.api().post("/v1/libraries/" + lib + "/entries", "{\"entries\":[\"cheap pills\"]}");
		media.serve("/frames/a/clean.png", frame(null, null));
		media.serve("/frames/a/qr.png", frame("https://spam.example/win", null));
		String spam = media.serve("/frames/a/spam.png", frame(null, "CHEAP PILLS"));
		String prefix = spam.substring(0, spam.lastIndexOf('/') + 1);

		JsonNode submit = tenant.sdk()
			.call(new VideoAsyncScanRequest(),
					"{\"scenes\":[\"qrcode\",\"ad\"],\"tasks\":[{\"dataId\":\"f1\",\"framePrefix\":\"" + prefix
							+ "\",\"frames\":[{\"url\":\"clean.png\",\"offset\":0},{\"url\":\"qr.png\",\"offset\":2},"
							+ "{\"url\":\"spam.png\",\"offset\":4.5},{\"url\":\"missing.png\",\"offset\":6}]}]}")
			.json();
		assertThat(submit.at("/data/0/code").asInt()).as(submit.toString()).isEqualTo(200);
		JsonNode data = result(tenant, submit.at("/data/0/taskId").asString());

		assertThat(data.get("code").asInt()).as(data.toString()).isEqualTo(200);
		JsonNode qrcode = data.at("/results/0");
		JsonNode ad = data.at("/results/1");
		assertThat(offsets(qrcode)).as(qrcode.toString()).containsExactly(2.0);
		assertThat(qrcode.at("/frames/0/qrcodeData/0").asString()).isEqualTo("https://spam.example/win");
		assertThat(ad.get("suggestion").asString()).as(ad.toString()).isEqualTo("block");
		assertThat(offsets(ad)).as(ad.toString()).contains(4.5).doesNotContain(0.0, 6.0);
		assertThat(tenant.api().get(qrcode.at("/frames/0/url").asString()).status()).isEqualTo(200);
		JsonNode failed = data.at("/failedFrames/0");
		assertThat(data.get("failedFrames").size()).isOne();
		assertThat(failed.get("offset").asDouble()).isEqualTo(6.0);
		assertThat(failed.get("code").asInt()).isEqualTo(480);
		assertThat(failed.get("url").asString()).isEqualTo(prefix + "missing.png");
	}

	@Test
	void aTaskWhoseFramesAllFailFailsWithTheirCodeAndBadFrameListsAreRefusedPerTask() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		String html = media.serve("/frames/b/page.html", "<html>no image</html>".getBytes());
		String prefix = html.substring(0, html.lastIndexOf('/') + 1);
		StringBuilder tooMany = new StringBuilder();
		for (int i = 0; i < 6; i++) {
			tooMany.append(i == 0 ? "" : ",")
				.append("{\"url\":\"f")
				.append(i)
				.append(".png\",\"offset\":")
				.append(i)
				.append('}');
		}

		JsonNode submit = tenant.sdk()
			.call(new VideoAsyncScanRequest(), "{\"scenes\":[\"qrcode\"],\"tasks\":["
					+ "{\"dataId\":\"all\",\"framePrefix\":\"" + prefix
					+ "\",\"frames\":[{\"url\":\"page.html\",\"offset\":0},{\"url\":\"page.html\",\"offset\":1}]},"
					+ "{\"dataId\":\"many\",\"maxFrames\":5,\"framePrefix\":\"" + prefix + "\",\"frames\":[" + tooMany
					+ "]}," + "{\"dataId\":\"both\",\"url\":\"" + html + "\",\"frames\":[{\"url\":\"" + html + "\"}]},"
					+ "{\"dataId\":\"nourl\",\"frames\":[{\"offset\":1}]},"
					+ "{\"dataId\":\"relative\",\"frames\":[{\"url\":\"a.png\",\"offset\":1}]}]}")
			.json();
		assertThat(submit.at("/data/1/code").asInt()).as(submit.toString()).isEqualTo(400);
		assertThat(submit.at("/data/1/msg").asString()).contains("maxFrames");
		assertThat(submit.at("/data/2/code").asInt()).isEqualTo(400);
		assertThat(submit.at("/data/3/code").asInt()).isEqualTo(400);
		assertThat(submit.at("/data/3/msg").asString()).contains("frames[0].url");
		assertThat(submit.at("/data/4/code").asInt()).isEqualTo(400);

		assertThat(submit.at("/data/0/code").asInt()).isEqualTo(200);
		JsonNode all = result(tenant, submit.at("/data/0/taskId").asString());
		assertThat(all.get("code").asInt()).as(all.toString()).isEqualTo(590);
		assertThat(all.get("msg").asString()).contains("none of the 2 frames");
	}

}
