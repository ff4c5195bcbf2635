package dev.vetter.detection.image;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextRegionsTest {

	private static List<TextRegions.Box> regions(BufferedImage image) {
		TextRecognizer.Gray g = TextRecognizer.Gray.of(image);
		return TextRegions.find(g.w(), g.h(), g.px());
	}

	private static boolean lineCovers(List<TextRegions.Box> regions, Rectangle drawn) {
		return regions.stream()
			.filter(TextRegions.Box::line)
			.anyMatch(b -> new Rectangle(b.x(), b.y(), b.w(), b.h()).contains(drawn.getCenterX(), drawn.getCenterY())
					&& b.w() >= drawn.width * 0.8);
	}

	@Test
	void findsALineRegionAroundEachCaptionOnANoisyPhoto() {
		TextRecognizerTest.Captioned c = TextRecognizerTest.spamOnCat();
		List<TextRegions.Box> found = regions(c.image());
		assertThat(lineCovers(found, c.boxes().get(0))).as("%s around %s", found, c.boxes().get(0)).isTrue();
		assertThat(lineCovers(found, c.boxes().get(1))).as("%s around %s", found, c.boxes().get(1)).isTrue();
	}

	@Test
	void findsLightTextOnADarkPartOfAPhoto() {
		TextRecognizerTest.Captioned c = TextRecognizerTest.caption("coffee.png", 600, List.of("FREE CASH"),
				List.of(new int[] { 10, 55 }), 28, new Color(235, 235, 235), new Color(235, 235, 235), 2);
		List<TextRegions.Box> found = regions(c.image());
		assertThat(lineCovers(found, c.boxes().get(0))).as("%s around %s", found, c.boxes().get(0)).isTrue();
	}

	@Test
	void findsAMemeCaptionAcrossTheBottom() {
		BufferedImage photo = TestImages.resize(TestImages.photo("astronaut.png"), 1224, 816);
		List<TextRegions.Box> found = regions(TestImages.caption(photo, "Holiday in the hills"));
		assertThat(found).filteredOn(TextRegions.Box::line)
			.anySatisfy(b -> assertThat(b.y() + b.h()).isGreaterThan(760));
	}

	@Test
	void findsNoLineOfWritingInPhotosWithoutText() {
		for (String name : List.of("astronaut.png", "chelsea.png", "coffee.png")) {
			BufferedImage photo = TestImages.resize(TestImages.photo(name), 1224, 816);
			assertThat(regions(photo)).as(name).noneMatch(TextRegions.Box::line);
		}
		assertThat(regions(TestImages.photo("chelsea.png"))).isEmpty();
		assertThat(regions(TestImages.solid(640, 480, Color.GRAY))).isEmpty();
	}

	@Test
	void mergesBoxesThatTouch() {
		List<TextRegions.Box> merged = TextRegions.merge(List.of(new TextRegions.Box(0, 0, 10, 10, false),
				new TextRegions.Box(50, 50, 10, 10, true), new TextRegions.Box(8, 8, 10, 10, false)));
		assertThat(merged).containsExactly(new TextRegions.Box(0, 0, 18, 18, false),
				new TextRegions.Box(50, 50, 10, 10, true));
	}

}
