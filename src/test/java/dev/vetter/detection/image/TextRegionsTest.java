package dev.vetter.detection.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextRegionsTest {

	private static List<TextRegions.Box> regions(BufferedImage image) {
		TextRecognizer.Gray g = TextRecognizer.Gray.of(image);
		// as the recognizer looks: small pictures upscaled
		double scale = TextRecognizer.scaleFor(g.w(), g.h());
		g = scale == 1.0 ? g : g.resize(scale);
		return TextRegions.find(g.w(), g.h(), g.px());
	}

	/** some region holds the whole of what was drawn */
	private static void assertCovered(List<TextRegions.Box> regions, Rectangle drawn) {
		assertThat(regions).as("regions %s around %s", regions, drawn)
			.anyMatch(b -> new Rectangle(b.x(), b.y(), b.w(), b.h()).contains(drawn));
	}

	/** draws {@code text} in bold at (x, baseline y) and returns its box */
	private static Rectangle write(BufferedImage image, String text, int x, int y, int size, Color color) {
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		Font font = new Font(Font.SANS_SERIF, Font.BOLD, size);
		g.setFont(font);
		g.setColor(color);
		g.drawString(text, x, y);
		Rectangle box = new TextLayout(text, font, g.getFontRenderContext()).getBounds().getBounds();
		box.translate(x, y);
		g.dispose();
		return box;
	}

	@Test
	void findsDarkLettersOnAFlatGreyFrame() {
		// the video frames of VideoJobsTest and ClientFramesTest: the stems of 64-px
		// letters step only along rows, which must be enough
		BufferedImage frame = TestImages.solid(640, 360, new Color(200, 200, 200));
		Rectangle drawn = write(frame, "CHEAP PILLS", 60, 200, 64, Color.BLACK);
		List<TextRegions.Box> found = regions(frame);
		assertCovered(found, drawn);
		assertThat(found).anyMatch(TextRegions.Box::line);
	}

	@Test
	void findsRedLettersOfTheBackgroundsLumaOnlyInTheColourChannel() {
		// red (190, 30, 30) has luma 78, as the grey behind it: no luma step at all
		BufferedImage frame = TestImages.solid(800, 300, new Color(78, 78, 78));
		Rectangle drawn = write(frame, "CASINO BONUS", 60, 180, 48, new Color(190, 30, 30));
		TextRecognizer.Picture picture = TextRecognizer.Picture.of(frame);
		TextRecognizer.Gray g = picture.gray;
		assertThat(TextRegions.find(g.w(), g.h(), g.px())).isEmpty();
		List<TextRegions.Box> found = TextRegions.find(g.w(), g.h(), g.px(), picture.opponent.px(), TextRegions.EDGE,
				TextRegions.COLOUR_EDGE);
		assertCovered(found, drawn);
		assertThat(found).allMatch(TextRegions.Box::colour).anyMatch(TextRegions.Box::line);
	}

	@Test
	void keepsAColourOnlyRegionOnlyWhenItLooksLikeALine() {
		// a red square on grey of the same luma: colour edges, no writing
		BufferedImage frame = TestImages.solid(400, 400, new Color(78, 78, 78));
		Graphics2D g2 = frame.createGraphics();
		g2.setColor(new Color(190, 30, 30));
		g2.fillRect(100, 100, 120, 120);
		g2.dispose();
		TextRecognizer.Picture picture = TextRecognizer.Picture.of(frame);
		TextRecognizer.Gray g = picture.gray;
		assertThat(TextRegions.find(g.w(), g.h(), g.px(), picture.opponent.px(), TextRegions.EDGE,
				TextRegions.COLOUR_EDGE))
			.isEmpty();
	}

	@Test
	void findsLettersTallerThan150PixelsOnAFlatBackground() {
		BufferedImage frame = TestImages.solid(1000, 400, Color.WHITE);
		Rectangle drawn = write(frame, "SALE", 40, 300, 220, new Color(30, 30, 120));
		assertThat(drawn.height).isGreaterThan(150);
		assertCovered(regions(frame), drawn);
	}

	@Test
	void findsLightTextOnDarkAndDarkTextOnLight() {
		BufferedImage dark = TestImages.solid(800, 300, new Color(20, 20, 30));
		Rectangle onDark = write(dark, "free cash now", 40, 150, 36, new Color(240, 240, 240));
		assertCovered(regions(dark), onDark);
		BufferedImage light = TestImages.solid(800, 300, new Color(250, 250, 245));
		Rectangle onLight = write(light, "free cash now", 40, 150, 36, new Color(10, 10, 10));
		assertCovered(regions(light), onLight);
	}

	@Test
	void findsTextOnAGradient() {
		BufferedImage frame = new BufferedImage(900, 300, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = frame.createGraphics();
		g.setPaint(new GradientPaint(0, 0, new Color(240, 240, 240), 900, 300, new Color(140, 140, 140)));
		g.fillRect(0, 0, 900, 300);
		g.dispose();
		Rectangle drawn = write(frame, "visit spam.example", 60, 170, 48, new Color(20, 20, 20));
		assertCovered(regions(frame), drawn);
	}

	@Test
	void findsSmallAndLargeCaptionsOnAPhoto() {
		TextRecognizerTest.Captioned c = TextRecognizerTest.spamOnCat();
		List<TextRegions.Box> found = regions(c.image());
		assertCovered(found, c.boxes().get(0));
		assertCovered(found, c.boxes().get(1));
		TextRecognizerTest.Captioned light = TextRecognizerTest.caption("coffee.png", 600, List.of("FREE CASH"),
				List.of(new int[] { 10, 55 }), 28, new Color(235, 235, 235), new Color(235, 235, 235), 2);
		// the recognizer reads 600-px pictures upscaled to 800 px
		TextRecognizer.Gray g = TextRecognizer.Gray.of(light.image()).resize(800 / 600.0);
		Rectangle drawn = light.boxes().get(0);
		Rectangle scaled = new Rectangle(drawn.x * 4 / 3, drawn.y * 4 / 3, drawn.width * 4 / 3, drawn.height * 4 / 3);
		assertCovered(TextRegions.find(g.w(), g.h(), g.px()), scaled);
		BufferedImage photo = TestImages.resize(TestImages.photo("astronaut.png"), 1224, 816);
		List<TextRegions.Box> meme = regions(TestImages.caption(photo, "Holiday in the hills"));
		assertThat(meme).anySatisfy(b -> {
			assertThat(b.y() + b.h()).isGreaterThan(760);
			assertThat(b.w()).isGreaterThan(600);
		});
		// a small caption (14 px) on a photo
		BufferedImage small = TestImages.resize(TestImages.photo("chelsea.png"), 1224, 816);
		Rectangle caption = write(small, "follow me on spam.example", 700, 60, 14, Color.WHITE);
		assertCovered(regions(small), caption);
	}

	@Test
	void findsNoRegionWhereNothingIsSharp() {
		// no region: OCR is skipped
		assertThat(regions(NsfwClassifierTest.image("chelsea.png"))).isEmpty();
		assertThat(regions(TestImages.solid(640, 480, Color.GRAY))).isEmpty();
		BufferedImage ramp = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = ramp.createGraphics();
		g.setPaint(new GradientPaint(0, 0, Color.BLACK, 640, 0, Color.WHITE));
		g.fillRect(0, 0, 640, 480);
		g.dispose();
		assertThat(regions(ramp)).isEmpty();
	}

	@Test
	void findsNoLineOfWritingInPhotosWithoutText() {
		for (String name : List.of("astronaut.png", "chelsea.png", "coffee.png")) {
			BufferedImage photo = TestImages.resize(TestImages.photo(name), 1224, 816);
			assertThat(regions(photo)).as(name).noneMatch(TextRegions.Box::line);
		}
	}

	@Test
	void mergesBoxesThatOverlap() {
		List<TextRegions.Box> merged = TextRegions.merge(List.of(new TextRegions.Box(0, 0, 10, 10, 8, 8, false),
				new TextRegions.Box(50, 50, 10, 10, 8, 8, true), new TextRegions.Box(8, 8, 10, 10, 8, 8, false)));
		assertThat(merged).containsExactly(new TextRegions.Box(0, 0, 18, 18, 8, 8, false),
				new TextRegions.Box(50, 50, 10, 10, 8, 8, true));
	}

	@Test
	void widensOnlyRegionsWiderThanTallByTextHeightsWithinThePicture() {
		TextRegions.Box line = new TextRegions.Box(300, 100, 200, 60, 180, 40, true);
		TextRegions.Box nearEdge = new TextRegions.Box(20, 400, 100, 30, 90, 20, true);
		TextRegions.Box tall = new TextRegions.Box(700, 100, 50, 120, 40, 100, false);
		assertThat(TextRegions.widenLines(List.of(line, nearEdge, tall), 2, 800)).containsExactly(
				new TextRegions.Box(220, 100, 360, 60, 180, 40, true),
				new TextRegions.Box(700, 100, 50, 120, 40, 100, false),
				new TextRegions.Box(0, 400, 160, 30, 90, 20, true));
	}

}
