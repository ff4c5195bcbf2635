package dev.vetter.detection.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class NsfwClassifierTest {

	static NsfwClassifier classifier;

	@BeforeAll
	static void load() {
		classifier = NsfwClassifier.load(NsfwProperties.defaults());
	}

	static BufferedImage image(String name) {
		try (InputStream in = NsfwClassifierTest.class.getResourceAsStream("/images/" + name)) {
			return ImageIO.read(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** scores rounded to 4 decimals equal the expected value: |x - e| < 0.5e-4 */
	static void assertScore(double actual, double expected) {
		assertThat(actual).isCloseTo(expected, within(0.00005));
	}

	@Test
	void reproducesNsfwjsOnAstronaut() {
		NsfwScores s = classifier.classify(image("astronaut.png"));
		assertScore(s.neutral(), 0.9331);
		assertThat(s.top()).isEqualTo("Neutral");
		assertThat(s.drawing() + s.hentai() + s.neutral() + s.porn() + s.sexy()).isCloseTo(1.0, within(1e-5));
	}

	@Test
	void reproducesNsfwjsOnChelsea() {
		NsfwScores s = classifier.classify(image("chelsea.png"));
		assertScore(s.neutral(), 0.9308);
		assertScore(s.porn(), 0.0629);
	}

	@Test
	void reproducesNsfwjsOnCoffee() {
		NsfwScores s = classifier.classify(image("coffee.png"));
		assertScore(s.neutral(), 0.9873);
	}

	@Test
	void givesTheSameScoresForAnyImageType() {
		BufferedImage rgb = image("coffee.png");
		BufferedImage argb = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_INT_ARGB);
		argb.createGraphics().drawImage(rgb, 0, 0, null);
		assertThat(classifier.classify(argb)).isEqualTo(classifier.classify(rgb));
	}

	@Test
	void refusesDegenerateAndHugeImages() {
		NsfwClassifier small = NsfwClassifier.load(new NsfwProperties("", 1_000_000));
		assertThatThrownBy(() -> small.classify(new BufferedImage(2000, 1000, BufferedImage.TYPE_INT_RGB)))
			.isInstanceOf(ImageRefused.class)
			.hasMessageContaining("limit is 1000000");
		assertThatThrownBy(() -> classifier.classify(null)).isInstanceOf(ImageRefused.class);
		// a single pixel is a valid (if useless) picture: resized like any other
		assertThat(classifier.classify(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB)).values()).hasSize(5);
	}

	static String bundled(String name) {
		try (InputStream in = NsfwClassifierTest.class.getResourceAsStream("/" + NsfwClassifier.BUNDLED + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static NsfwClassifier loadWith(String topology, String shard) {
		return NsfwClassifier.load(name -> name.equals("model.min.js") ? topology : shard, NsfwProperties.defaults());
	}

	@Test
	void rejectsATruncatedTopology() {
		String topology = bundled("model.min.js");
		String shard = bundled("group1-shard1of1.min.js");
		assertThatThrownBy(() -> loadWith(topology.substring(0, topology.length() / 2), shard))
			.isInstanceOf(ModelFileCorrupt.class)
			.hasMessageContaining("not closed");
	}

	@Test
	void rejectsAnUnknownLayerClass() {
		String topology = bundled("model.min.js").replaceFirst("class_name:\"DepthwiseConv2D\"",
				"class_name:\"SeparableConv2D\"");
		assertThatThrownBy(() -> loadWith(topology, bundled("group1-shard1of1.min.js")))
			.isInstanceOf(ModelFileCorrupt.class)
			.hasMessageContaining("unsupported layer class 'SeparableConv2D'");
	}

	@Test
	void rejectsWeightsThatDoNotMatchTheManifest() {
		String topology = bundled("model.min.js");
		String shard = bundled("group1-shard1of1.min.js");
		// drop 4 base64 characters (3 bytes) from the end of the weights string
		int end = shard.lastIndexOf('"');
		String shorter = shard.substring(0, end - 4) + shard.substring(end);
		assertThatThrownBy(() -> loadWith(topology, shorter)).isInstanceOf(ModelFileCorrupt.class)
			.hasMessageContaining("shards hold");
		String garbled = shard.substring(0, end - 10) + "!!!!" + shard.substring(end - 6);
		assertThatThrownBy(() -> loadWith(topology, garbled)).isInstanceOf(ModelFileCorrupt.class)
			.hasMessageContaining("not base64");
	}

	@Test
	void rejectsAKernelOfTheWrongShape() {
		String topology = bundled("model.min.js").replaceFirst("name:\"Conv1/kernel\",shape:\\[3,3,3,32\\]",
				"name:\"Conv1/kernel\",shape:[3,3,32,3]");
		assertThatThrownBy(() -> loadWith(topology, bundled("group1-shard1of1.min.js")))
			.isInstanceOf(ModelFileCorrupt.class)
			.hasMessageContaining("Conv1/kernel has shape [3, 3, 32, 3], expected [3, 3, 3, 32]");
	}

	@Test
	void rejectsAFileThatIsNoModel() {
		assertThatThrownBy(() -> loadWith("module.exports=42;", "")).isInstanceOf(ModelFileCorrupt.class)
			.hasMessageContaining("no 'module.exports={'");
	}

}
