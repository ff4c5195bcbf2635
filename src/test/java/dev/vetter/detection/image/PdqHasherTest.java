package dev.vetter.detection.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import dev.vetter.detection.PdqHash;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class PdqHasherTest {

	private final PdqHasher hasher = new PdqHasher();

	static Stream<String> vectors() {
		return readLines("/images/pdq/expected-pdq.txt").stream();
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void reproducesTheReferenceVectors(String line) {
		String[] parts = line.split(" ");
		PdqHash expected = PdqHash.fromHex(parts[0], Integer.parseInt(parts[1]));
		PdqHash actual = hasher.hash(read("/images/pdq/" + parts[2]));
		System.out.println(parts[2] + " " + actual + " d=" + actual.distance(expected));
		assertThat(actual.distance(expected)).as(parts[2]).isLessThanOrEqualTo(2);
		assertThat(actual.quality()).isEqualTo(expected.quality());
	}

	static BufferedImage read(String resource) {
		try (InputStream in = PdqHasherTest.class.getResourceAsStream(resource)) {
			return ImageIO.read(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<String> readLines(String resource) {
		try (InputStream in = PdqHasherTest.class.getResourceAsStream(resource)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
