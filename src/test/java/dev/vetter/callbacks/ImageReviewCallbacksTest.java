package dev.vetter.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.aliyuncs.green.model.v20180509.ImageSyncScanRequest;

import dev.vetter.callbacks.internal.DeliveryWorker;
import dev.vetter.detection.image.TestImages;
import dev.vetter.moderation.MediaFiles;
import dev.vetter.moderation.TaskMedia;
import dev.vetter.moderation.internal.TaskPurge;
import dev.vetter.platform.blob.BlobStore;
import dev.vetter.platform.blob.LocalBlobStore;
import dev.vetter.support.Api;
import dev.vetter.support.Fixtures;
import dev.vetter.support.MutableClock;
import dev.vetter.tenancy.TenantDirectory;

import tools.jackson.databind.JsonNode;

/**
 * Human-machine review of images, driven by Alibaba's SDK: a synchronous
 * {@code /green/image/scan} that the bizType's rules escalate keeps the image it fetched
 * and its findings for reviewers, reports the machine result, and a reviewer's verdict
 * reaches the tenant's review callback, and the image goes with the task at the end of
 * its retention; a scan that is not escalated keeps no bytes.
 */
@CallbacksIntegrationTest
class ImageReviewCallbacksTest {

	static final String QR_DATA = "https://qr.example/join-now";

	@LocalServerPort
	int port;

	@Autowired
	DeliveryWorker worker;

	@Autowired
	TaskMedia taskMedia;

	@Autowired
	BlobStore blobs;

	@Autowired
	TenantDirectory directory;

	@Autowired
	TaskPurge purge;

	@Autowired
	MutableClock clock;

	@RegisterExtension
	final Receiver receiver = new Receiver();

	MediaFiles media;

	@BeforeEach
	void setUp() {
		media = new MediaFiles();
	}

	@AfterEach
	void tearDown() {
		media.close();
		clock.reset();
	}

	static byte[] photoWithQrCode() {
		return TestImages.encode(
				TestImages.paste(TestImages.photo("astronaut.png"), TestImages.qrCode(QR_DATA, 6), 300, 260, 0), "png");
	}

	private JsonNode scan(Fixtures.TenantKey tenant, String url, String bizType) {
		JsonNode reply = tenant.sdk()
			.call(new ImageSyncScanRequest(),
					"{" + (bizType == null ? "" : "\"bizType\":\"" + bizType + "\",")
							+ "\"scenes\":[\"qrcode\"],\"tasks\":[{\"dataId\":\"i1\",\"url\":\"" + url + "\"}]}")
			.json();
		assertThat(reply.get("code").asInt()).as(reply.toString()).isEqualTo(200);
		JsonNode task = reply.at("/data/0");
		assertThat(task.get("code").asInt()).as(task.toString()).isEqualTo(200);
		return task;
	}

	@Test
	void escalatedImageGoesToAReviewerWithItsImageAndFindingsAndTheVerdictReachesTheReviewCallback()
			throws IOException {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"qrcode\",\"ad\"]");
		Api reviewer = fx.reviewer(tenant.uid());
		String seed = receiver.subscribe(tenant.api(), tenant.uid(), "/notify");
		Api.Response policy = tenant.api()
			.put("/v1/biz-types/photos", "{\"escalation\":{\"suggestions\":[\"review\"]}}");
		assertThat(policy.status()).as(policy.body()).isEqualTo(200);
		byte[] png = photoWithQrCode();
		String url = media.serve("/qr.png", png);

		JsonNode scanned = scan(tenant, url, "photos");

		String taskId = scanned.get("taskId").asString();
		assertThat(scanned.at("/results/0/suggestion").asString()).isEqualTo("review");
		Receiver.Received machine = awaitCallbacks(1).get(0);
		assertThat(machine.event()).isEqualTo("machineScan");
		JsonNode machineContent = Api.JSON.readTree(machine.content());
		assertThat(machineContent.get("taskId").asString()).isEqualTo(taskId);
		assertThat(machineContent.at("/results/0/qrcodeData/0").asString()).isEqualTo(QR_DATA);
		// the task owns exactly the bytes that were scanned, typed from the bytes
		TaskMedia.Stored stored = taskMedia.media(directory.tenantByUid(tenant.uid()).id(), taskId).orElseThrow();
		assertThat(stored.contentType()).isEqualTo("image/png");
		try (InputStream in = blobs.open(stored.key())) {
			assertThat(in.readAllBytes()).isEqualTo(png);
		}

		Api.Response claimed = reviewer.post("/v1/review/claims", "");
		assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
		JsonNode item = claimed.json();
		assertThat(item.get("taskId").asString()).isEqualTo(taskId);
		assertThat(item.get("kind").asString()).isEqualTo("image");
		JsonNode content = item.get("content");
		assertThat(content.get("url").asString()).isEqualTo(url);
		assertThat(content.at("/media/kind").asString()).isEqualTo("image");
		JsonNode box = content.at("/image/qrcodes/0");
		assertThat(box.get("text").asString()).isEqualTo(QR_DATA);
		assertThat(Math.abs(box.get("x").asInt() + box.get("w").asInt() / 2 - 300)).isLessThan(20);
		assertThat(content.at("/machine/results/0/qrcodeLocations/0/qrcode").asString()).isEqualTo(QR_DATA);
		Api.Response decided = Fixtures.decide(reviewer, item.get("id").asLong(),
				"{\"suggestion\":\"block\",\"labels\":[\"qrcode\"],\"note\":\"ad code\"}");
		assertThat(decided.status()).as(decided.body()).isEqualTo(200);

		Receiver.Received human = awaitCallbacks(2).get(1);
		assertThat(human.event()).isEqualTo("review");
		JsonNode verdict = Api.JSON.readTree(human.content());
		assertThat(verdict.get("taskId").asString()).isEqualTo(taskId);
		assertThat(verdict.get("dataId").asString()).isEqualTo("i1");
		assertThat(verdict.at("/results/0/qrcodeData/0").asString()).as("machine result kept").isEqualTo(QR_DATA);
		assertThat(verdict.at("/auditResult/suggestion").asString()).isEqualTo("block");
		assertThat(verdict.at("/auditResult/labels/0").asString()).isEqualTo("qrcode");
		assertThat(receiver.badChecksums()).isZero();
		assertThat(tenant.api().get("/v1/tasks/" + taskId).json().at("/auditResult/note").asString())
			.isEqualTo("ad code");

		// past retention the task goes, and the image it owned with it
		clock.shift(Duration.ofDays(91));
		assertThat(purge.purgeExpired()).isPositive();
		assertThat(tenant.api().get("/v1/tasks/" + taskId).status()).isEqualTo(404);
		assertThat(blobs.exists(stored.key())).isFalse();
	}

	@Test
	void aSynchronousScanThatIsNotEscalatedKeepsNoImage() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey manual = fx.manualTenant(1, "[\"qrcode\"]");
		Fixtures.TenantKey withoutManualReview = fx.tenant();
		String plain = media.serve("/plain.jpg", TestImages.jpeg(TestImages.photo("coffee.png"), 0.9f));
		String qr = media.serve("/qr.png", photoWithQrCode());
		long before = blobCount();

		// a pass is not escalated; a review without the manual review service is not
		// either
		JsonNode passed = scan(manual, plain, null);
		JsonNode unreviewed = scan(withoutManualReview, qr, null);

		assertThat(passed.at("/results/0/suggestion").asString()).isEqualTo("pass");
		assertThat(unreviewed.at("/results/0/suggestion").asString()).isEqualTo("review");
		assertThat(manual.api().get("/v1/tasks/" + passed.get("taskId").asString()).status()).isEqualTo(404);
		assertThat(withoutManualReview.api().get("/v1/tasks/" + unreviewed.get("taskId").asString()).status())
			.isEqualTo(404);
		assertThat(blobCount()).as("blobs kept").isEqualTo(before);
	}

	private long blobCount() {
		Path root = ((LocalBlobStore) blobs).root();
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile).filter(p -> !p.getParent().equals(root.resolve("tmp"))).count();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private List<Receiver.Received> awaitCallbacks(int n) {
		return dev.vetter.support.Await.until(() -> {
			worker.deliverDue();
			return receiver.received();
		}, received -> received.size() >= n, n + " callbacks");
	}

}
