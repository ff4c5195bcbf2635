package dev.vetter.detection.image;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vetter.detection.FrameSampling;
import dev.vetter.detection.PdqHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What custom image libraries rely on: an edited copy of a picture stays within the
 * default match distance of the original, and different pictures stay far apart. Every
 * image goes through the real decoder, as a scanned image would.
 */
class PdqSimilarityTest {

	private final DefaultImageDecoder decoder = new DefaultImageDecoder(ImageLimits.DEFAULTS);

	private final PdqHasher pdq = new PdqHasher();

	@ParameterizedTest
	@ValueSource(strings = { "photos/astronaut.png", "photos/chelsea.png", "photos/coffee.png", "pdq/aaa-orig.jpg" })
	void editedCopiesStayWithinTheMatchDistance(String name) {
		BufferedImage original = TestImages.rgb(TestImages.read(TestImages.resource(name)));
		PdqHash hash = hash(TestImages.encode(original, "png"));
		int w = original.getWidth();
		int h = original.getHeight();

		Map<String, byte[]> edits = new LinkedHashMap<>();
		edits.put("JPEG quality 30", TestImages.jpeg(original, 0.3f));
		edits.put("JPEG quality 95", TestImages.jpeg(original, 0.95f));
		edits.put("half size", TestImages.jpeg(TestImages.resize(original, w / 2, h / 2), 0.8f));
		edits.put("double size", TestImages.jpeg(TestImages.resize(original, w * 2, h * 2), 0.9f));
		// PDQ is not crop-resistant: a centred crop of 2% (1% off each side) or 1% off
		// two
		// sides stays within 31; 4% centred or 3% off two sides does not
		// (docs/detection.md)
		edits.put("2% centred crop", TestImages.jpeg(TestImages.crop(original, 2), 0.8f));
		edits.put("1% off right and bottom",
				TestImages.jpeg(TestImages.rgb(original.getSubimage(0, 0, w - w / 100, h - h / 100)), 0.8f));
		edits.put("caption", TestImages.jpeg(TestImages.caption(original, "LOOK AT THIS lol"), 0.8f));
		edits.put("GIF, 256 colours", TestImages.encode(original, "gif"));

		for (Map.Entry<String, byte[]> edit : edits.entrySet()) {
			int distance = hash(edit.getValue()).distance(hash);
			assertThat(distance).as("%s, %s", name, edit.getKey()).isLessThanOrEqualTo(PdqHash.DEFAULT_MATCH_DISTANCE);
		}
	}

	@Test
	void differentPicturesAreFarApart() {
		List<PdqHash> hashes = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (String name : List.of("photos/astronaut.png", "photos/chelsea.png", "photos/coffee.png",
				"pdq/aaa-orig.jpg")) {
			hashes.add(hash(TestImages.resource(name)));
			names.add(name);
		}
		for (long seed = 1; seed <= 6; seed++) {
			hashes.add(hash(TestImages.encode(TestImages.blobs(seed, 640, 480), "png")));
			names.add("blobs " + seed);
		}
		for (int i = 0; i < hashes.size(); i++) {
			for (int j = i + 1; j < hashes.size(); j++) {
				// unrelated 256-bit hashes sit near 128; anything under 64 would be
				// suspicious
				assertThat(hashes.get(i).distance(hashes.get(j))).as("%s vs %s", names.get(i), names.get(j))
					.isGreaterThan(64);
			}
		}
	}

	@Test
	void flatImagesHaveNoQuality() {
		PdqHash flat = pdq.hash(TestImages.solid(300, 200, java.awt.Color.GRAY));
		assertThat(flat.quality()).isZero();
		PdqHash photo = pdq.hash(TestImages.photo("coffee.png"));
		assertThat(photo.quality()).isGreaterThan(50);
	}

	@Test
	void hexRoundTrips() {
		PdqHash hash = pdq.hash(TestImages.photo("chelsea.png"));
		PdqHash parsed = PdqHash.fromHex(hash.toHex(), hash.quality());
		assertThat(parsed).isEqualTo(hash);
		assertThat(parsed.distance(hash)).isZero();
		assertThat(hash.toHex()).hasSize(64);
	}

	private PdqHash hash(byte[] bytes) {
		return pdq.detect(decoder.decode(bytes, FrameSampling.FIRST_FRAME).first());
	}

}
