package dev.vetter.api.green2;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.aliyun.green20220302.Client;
import com.aliyun.green20220302.models.DescribeImageModerationResultRequest;
import com.aliyun.green20220302.models.DescribeImageModerationResultResponseBody;
import com.aliyun.green20220302.models.ImageAsyncModerationRequest;
import com.aliyun.green20220302.models.ImageAsyncModerationResponseBody;
import com.aliyun.green20220302.models.ImageModerationRequest;
import com.aliyun.green20220302.models.ImageModerationResponseBody;
import com.aliyun.teautil.models.RuntimeOptions;

import dev.vetter.detection.image.TestImages;
import dev.vetter.moderation.MediaFiles;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;
import dev.vetter.support.GreenSdk2;
import dev.vetter.support.IntegrationTest;

/**
 * Green API 2.0 image actions through Alibaba's {@code green20220302} 2.2.4 SDK: images
 * served by a local HTTP server, fetched, decoded and run through the real detectors,
 * answered in 2.0's shape with 2.0 labels.
 */
@IntegrationTest
@TestPropertySource(properties = { "vetter.roles=api,worker,console", "vetter.security.allow-private-targets=true" })
class Green2ImageModerationTest {

	static final MediaFiles media = new MediaFiles();

	static final String QR_TEXT = "https://qr.example/join-now";

	@LocalServerPort
	int port;

	@AfterAll
	static void stopServer() {
		media.close();
	}

	private static String qrImage() {
		BufferedImage code = TestImages.qrCode(QR_TEXT, 6);
		return media.serve("/g2/qr.jpg",
				TestImages.jpeg(TestImages.paste(TestImages.photo("astronaut.png"), code, 300, 260, 8), 0.9f));
	}

	private static ImageModerationResponseBody scan(Client client, String service, String parameters) throws Exception {
		return client.imageModerationWithOptions(
				new ImageModerationRequest().setService(service).setServiceParameters(parameters), new RuntimeOptions())
			.getBody();
	}

	@Test
	void aCleanPhotoIsNonLabelAndAQrCodeIsPtQrCodeInBothSignatureModes() throws Exception {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		String clean = media.serve("/g2/coffee.jpg", TestImages.jpeg(TestImages.photo("coffee.png"), 0.9f));
		String qr = qrImage();

		ImageModerationResponseBody pass = scan(GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), null),
				"baselineCheck", "{\"imageUrl\":\"" + clean + "\",\"dataId\":\"clean-1\"}");
		assertThat(pass.getCode()).as(pass.getMsg()).isEqualTo(200);
		assertThat(pass.getMsg()).isEqualTo("OK");
		assertThat(pass.getRequestId()).isNotBlank();
		assertThat(pass.getData().getDataId()).isEqualTo("clean-1");
		assertThat(pass.getData().getResult()).hasSize(1);
		assertThat(pass.getData().getResult().get(0).getLabel()).isEqualTo("nonLabel");

		ImageModerationResponseBody flagged = scan(GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), "v2"),
				"baselineCheck", "{\"imageUrl\":\"" + qr + "\",\"dataId\":\"qr-1\"}");
		assertThat(flagged.getCode()).as(flagged.getMsg()).isEqualTo(200);
		assertThat(flagged.getData().getDataId()).isEqualTo("qr-1");
		List<String> labels = flagged.getData().getResult().stream().map(r -> r.getLabel()).toList();
		assertThat(labels).as("the QR code is found by the qrcode and ad scenes, reported once")
			.containsOnlyOnce("pt_qrCode");
		assertThat(labels).doesNotContain("nonLabel");
		assertThat(flagged.getData().getResult().get(labels.indexOf("pt_qrCode")).getConfidence()).isPositive();
	}

	@Test
	void theNewerModelFieldsRiskLevelAndDescriptionComeWithAnAdvertisingCheck() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		Client client = GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), null);
		String qr = qrImage();

		Map<String, Object> body = GreenSdk2.callApi(client, "ImageModeration",
				Map.of("Service", "advertisingCheck", "ServiceParameters", "{\"imageUrl\":\"" + qr + "\"}"));
		assertThat(((Number) body.get("Code")).intValue()).as(body.toString()).isEqualTo(200);
		@SuppressWarnings("unchecked")
		Map<String, Object> data = (Map<String, Object>) body.get("Data");
		// the QR code's suggestion is review (vetter.moderation.image.qrcode-suggestion)
		assertThat(data.get("RiskLevel")).isEqualTo("medium");
		@SuppressWarnings("unchecked")
		Map<String, Object> first = ((List<Map<String, Object>>) data.get("Result")).get(0);
		assertThat(first).containsEntry("Label", "pt_qrCode").containsEntry("RiskLevel", "medium");
		assertThat((String) first.get("Description")).contains("QR code");
	}

	@Test
	void aBadUrlOrBadBytesGiveTheTasksCodeAndUnreadableInputIsRefused() throws Exception {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		Client client = GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), null);
		String gone = media.serve("/g2/x", new byte[0]).replace("/g2/x", "/g2/gone.jpg");
		String notImage = media.serve("/g2/notes.jpg", "not an image".getBytes(StandardCharsets.UTF_8));

		ImageModerationResponseBody missing = scan(client, "baselineCheck",
				"{\"imageUrl\":\"" + gone + "\",\"dataId\":\"gone-1\"}");
		assertThat(missing.getCode()).as(missing.getMsg()).isEqualTo(480);
		assertThat(missing.getMsg()).isNotBlank();
		assertThat(missing.getData().getDataId()).isEqualTo("gone-1");
		assertThat(scan(client, "baselineCheck", "{\"imageUrl\":\"" + notImage + "\"}").getCode()).isEqualTo(590);

		ImageModerationResponseBody oss = scan(client, "baselineCheck",
				"{\"ossBucketName\":\"bucket\",\"ossObjectName\":\"a.jpg\",\"ossRegionId\":\"cn-shanghai\"}");
		assertThat(oss.getCode()).isEqualTo(400);
		assertThat(oss.getMsg()).startsWith("OssNotSupported");
		ImageModerationResponseBody face = scan(client, "faceDetect", "{\"imageUrl\":\"" + gone + "\"}");
		assertThat(face.getCode()).isEqualTo(400);
		assertThat(face.getMsg()).contains("faceDetect");
		assertThat(scan(client, "baselineCheck", "{\"dataId\":\"x\"}").getMsg()).contains("imageUrl is required");
	}

	@Test
	void imageAsyncModerationIsAJobAnsweredByDescribeImageModerationResult() throws Exception {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.tenant();
		Client client = GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), "v2");
		String qr = qrImage();

		// this action sends Service and ServiceParameters in the query
		ImageAsyncModerationResponseBody submitted = client
			.imageAsyncModerationWithOptions(
					new ImageAsyncModerationRequest().setService("baselineCheck")
						.setServiceParameters("{\"imageUrl\":\"" + qr + "\",\"dataId\":\"async-1\"}"),
					new RuntimeOptions())
			.getBody();
		assertThat(submitted.getCode()).as(submitted.getMsg()).isEqualTo(200);
		assertThat(submitted.getData().getDataId()).isEqualTo("async-1");
		String reqId = submitted.getData().getReqId();
		assertThat(reqId).startsWith("img");

		DescribeImageModerationResultResponseBody done = Await.until(() -> describe(client, reqId),
				r -> r.getCode() != 280, "the image job's result");
		assertThat(done.getCode()).as(done.getMsg()).isEqualTo(200);
		assertThat(done.getData().getReqId()).isEqualTo(reqId);
		assertThat(done.getData().getDataId()).isEqualTo("async-1");
		assertThat(done.getData().getResult()).anySatisfy(r -> {
			assertThat(r.getLabel()).isEqualTo("pt_qrCode");
			assertThat(r.getConfidence()).isPositive();
		});

		// another tenant's task answers like a missing one
		Fixtures.TenantKey other = fx.tenant();
		Client stranger = GreenSdk2.client(port, other.accessKeyId(), other.secret(), null);
		assertThat(describe(stranger, reqId).getCode()).isEqualTo(404);
		assertThat(describe(client, "imgNoSuchTask").getCode()).isEqualTo(404);
	}

	private static DescribeImageModerationResultResponseBody describe(Client client, String reqId) {
		try {
			return client
				.describeImageModerationResultWithOptions(new DescribeImageModerationResultRequest().setReqId(reqId),
						new RuntimeOptions())
				.getBody();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

}
