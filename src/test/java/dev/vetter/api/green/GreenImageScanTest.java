package dev.vetter.api.green;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import com.aliyuncs.green.model.v20180509.ImageSyncScanRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.vetter.detection.image.TestImages;
import dev.vetter.moderation.MediaFiles;
import dev.vetter.support.Api;
import dev.vetter.support.GreenSdk;
import dev.vetter.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /green/image/scan} end to end through Alibaba's SDK: images served by a local
 * HTTP server, fetched, decoded and run through the real detectors.
 */
@IntegrationTest
@TestPropertySource(properties = "vetter.security.allow-private-targets=true")
public class GreenImageScanTest {

	static MediaFiles files;

	@LocalServerPort
	int port;

	@BeforeAll
	static void serve() {
		files = new MediaFiles();
	}

	@AfterAll
	static void stop() {
		files.close();
	}

	static String url(String path, byte[] body) {
		return files.serve(path, body);
	}

	private JsonNode scan(String json) {
		GreenSdk.Reply reply = GreenSdk.of(port).call(new ImageSyncScanRequest(), json);
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		JsonNode root = reply.json();
		assertThat(root.get("code").asInt()).as(reply.body()).isEqualTo(200);
		return root.get("data");
	}

	private static String task(String dataId, String url) {
		return "{\"dataId\":\"" + dataId + "\",\"url\":\"" + url + "\"}";
	}

	private static JsonNode scene(JsonNode task, String scene) {
		for (JsonNode r : task.get("results")) {
			if (r.get("scene").asString().equals(scene)) {
				return r;
			}
		}
		throw new AssertionError("no scene " + scene + " in " + task);
	}

	@Test
	void findsAQrCodeInsideAPhotoWithItsDataAndBoxWhileAPlainPhotoPasses() {
		BufferedImage photo = TestImages.photo("astronaut.png");
		BufferedImage code = TestImages.qrCode("https://qr.example/join-now", 6);
		BufferedImage pasted = TestImages.paste(photo, code, 300, 260, 8);
		String qr = url("/qr.jpg", TestImages.jpeg(pasted, 0.9f));
		String plain = url("/coffee.jpg", TestImages.jpeg(TestImages.photo("coffee.png"), 0.9f));

		JsonNode data = scan("{\"scenes\":[\"porn\",\"ad\",\"qrcode\"],\"tasks\":[" + task("qr", qr) + ","
				+ task("plain", plain) + "]}");

		JsonNode found = data.get(0);
		assertThat(found.get("code").asInt()).as(found.toString()).isEqualTo(200);
		assertThat(found.get("dataId").asString()).isEqualTo("qr");
		assertThat(found.get("taskId").asString()).startsWith("img");
		assertThat(found.get("url").asString()).isEqualTo(qr);
		JsonNode qrScene = scene(found, "qrcode");
		assertThat(qrScene.get("label").asString()).isEqualTo("qrcode");
		assertThat(qrScene.get("suggestion").asString()).isEqualTo("review");
		assertThat(qrScene.get("qrcodeData").get(0).asString()).isEqualTo("https://qr.example/join-now");
		JsonNode box = qrScene.get("qrcodeLocations").get(0);
		int side = (code.getWidth() - 8 * 6); // symbol without its quiet zone
		assertThat(Math.abs(box.get("x").asInt() + box.get("w").asInt() / 2 - 300)).isLessThan(side / 10);
		assertThat(Math.abs(box.get("y").asInt() + box.get("h").asInt() / 2 - 260)).isLessThan(side / 10);
		assertThat(box.get("qrcode").asString()).isEqualTo("https://qr.example/join-now");
		JsonNode ad = scene(found, "ad");
		assertThat(ad.get("label").asString()).isEqualTo("qrcode");
		assertThat(ad.get("suggestion").asString()).isEqualTo("review");
		assertThat(ad.get("qrcodeData").get(0).asString()).isEqualTo("https://qr.example/join-now");

		JsonNode clean = data.get(1);
		assertThat(clean.get("code").asInt()).as(clean.toString()).isEqualTo(200);
		for (JsonNode r : clean.get("results")) {
			assertThat(r.get("suggestion").asString()).as(r.toString()).isEqualTo("pass");
			assertThat(r.get("label").asString()).isEqualTo("normal");
		}
		assertThat(scene(clean, "porn").get("rate").asDouble()).isBetween(0.0, 100.0);
	}

	@Test
	void flagsSpamWordsOnANoisyPhotoWithTheHintWordsFromTheTenantsTextLibrary() {
		Api api = Api.tenant(port);
		Api.Response lib = api.post("/v1/libraries",
				"{\"name\":\"img-ocr-" + System.nanoTime() + "\",\"kind\":\"TEXT\",\"action\":\"BLOCK\"}");
		assertThat(lib.status()).isEqualTo(201);
		assertThat(
				api.post("/v1/libraries/" + lib.json().get("id").asLong() + "/entries", "{\"entries\":[\"zorblax\"]}")
					.status())
			.isEqualTo(200);
		long libId = lib.json().get("id").asLong();
		try {
			BufferedImage spam = captioned(TestImages.photo("chelsea.png"), "BUY ZORBLAX NOW", 8);
			String u = url("/spam.png", TestImages.encode(spam, "png"));

			JsonNode data = scan("{\"scenes\":[\"ad\",\"ocr\"],\"tasks\":[" + task("spam", u) + "]}");

			JsonNode task = data.get(0);
			assertThat(task.get("code").asInt()).as(task.toString()).isEqualTo(200);
			JsonNode ad = scene(task, "ad");
			assertThat(ad.get("label").asString()).as(task.toString()).isEqualTo("customized");
			assertThat(ad.get("suggestion").asString()).isEqualTo("block");
			assertThat(ad.get("hintWordsInfo").get(0).get("context").asString()).isEqualToIgnoringCase("zorblax");
			JsonNode ocr = scene(task, "ocr");
			assertThat(String.join(" ", ocr.get("ocrData").valueStream().map(JsonNode::asString).toList()))
				.containsIgnoringCase("zorblax");
		}
		finally {
			// the tenant is shared with other test classes: leave no library behind
			assertThat(api.delete("/v1/libraries/" + libId).status()).isLessThan(300);
		}
	}

	@Test
	void badInputIsAnsweredPerTaskAndTheGoodTaskIsStillScanned() {
		String good = url("/good.png", TestImages.encode(TestImages.photo("coffee.png"), "png"));
		String bomb = url("/bomb.png", pngClaiming(40_000, 40_000));
		byte[] jpeg = TestImages.jpeg(TestImages.photo("chelsea.png"), 0.9f);
		byte[] corrupt = java.util.Arrays.copyOf(jpeg, 600);
		String broken = url("/broken.jpg", corrupt);
		String html = url("/page.html", "<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8));
		String missing = files.url("/missing.png");
		String metadata = "http://169.254.169.254/latest/meta-data/";

		JsonNode data = scan("{\"scenes\":[\"qrcode\"],\"tasks\":[" + task("bomb", bomb) + "," + task("broken", broken)
				+ "," + task("html", html) + "," + task("missing", missing) + "," + task("ssrf", metadata) + ","
				+ "{\"dataId\":\"nourl\"}," + task("good", good) + "]}");

		assertThat(data.size()).isEqualTo(7);
		assertThat(data.get(0).get("code").asInt()).as(data.get(0).toString()).isEqualTo(589);
		assertThat(data.get(1).get("code").asInt()).as(data.get(1).toString()).isEqualTo(590);
		assertThat(data.get(2).get("code").asInt()).as(data.get(2).toString()).isEqualTo(590);
		assertThat(data.get(3).get("code").asInt()).as(data.get(3).toString()).isEqualTo(480);
		assertThat(data.get(4).get("code").asInt()).as(data.get(4).toString()).isEqualTo(480);
		assertThat(data.get(4).get("msg").asString()).contains("refused");
		assertThat(data.get(5).get("code").asInt()).isEqualTo(400);
		assertThat(data.get(6).get("code").asInt()).as(data.get(6).toString()).isEqualTo(200);
		assertThat(scene(data.get(6), "qrcode").get("label").asString()).isEqualTo("normal");
		for (int i = 0; i < 6; i++) {
			assertThat(data.get(i).get("dataId").asString()).isNotBlank();
		}
	}

	@Test
	void unknownSceneIsRefusedForTheWholeRequest() {
		GreenSdk.Reply reply = GreenSdk.of(port)
			.call(new ImageSyncScanRequest(), "{\"scenes\":[\"antispam\"],\"tasks\":[{\"url\":\"http://x/y\"}]}");
		assertThat(reply.json().get("code").asInt()).isEqualTo(401);
	}

	/**
	 * Yellow text with a dark outline over a photo with Gaussian per-pixel noise of
	 * {@code sigma}.
	 */
	public static BufferedImage captioned(BufferedImage photo, String text, double sigma) {
		int width = 900;
		int height = photo.getHeight() * width / photo.getWidth();
		BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = img.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.drawImage(photo, 0, 0, width, height, null);
		Random random = new Random(42);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int rgb = img.getRGB(x, y);
				int n = (int) (random.nextGaussian() * sigma);
				int r = clamp(((rgb >> 16) & 0xff) + n);
				int gr = clamp(((rgb >> 8) & 0xff) + n);
				int b = clamp((rgb & 0xff) + n);
				img.setRGB(x, y, (r << 16) | (gr << 8) | b);
			}
		}
		TextLayout layout = new TextLayout(text, new Font(Font.SANS_SERIF, Font.BOLD, 56), g.getFontRenderContext());
		Shape glyphs = AffineTransform.getTranslateInstance(60, 120).createTransformedShape(layout.getOutline(null));
		g.setColor(new Color(60, 20, 0));
		g.setStroke(new BasicStroke(2f));
		g.draw(glyphs);
		g.setColor(new Color(255, 230, 40));
		g.fill(glyphs);
		g.dispose();
		return img;
	}

	private static int clamp(int v) {
		return Math.max(0, Math.min(255, v));
	}

	/** A valid PNG whose header claims {@code width x height} (a decompression bomb). */
	static byte[] pngClaiming(int width, int height) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A });
		ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2);
		chunk(out, "IHDR", ihdr.put((byte) 0).put((byte) 0).put((byte) 0).array());
		Deflater deflater = new Deflater();
		deflater.setInput(new byte[1024]);
		deflater.finish();
		byte[] idat = new byte[2048];
		int n = deflater.deflate(idat);
		chunk(out, "IDAT", java.util.Arrays.copyOf(idat, n));
		chunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
		out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		out.writeBytes(typeBytes);
		out.writeBytes(data);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

}
