package dev.vetter.detection.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextRecognizerTest {

	static TextRecognizer ocr;

	@BeforeAll
	static void start() {
		ocr = new TextRecognizer(OcrProperties.defaults());
	}

	@AfterAll
	static void stop() {
		ocr.close();
	}

	/** a caption drawn onto a photo, with where its text ended up */
	record Captioned(BufferedImage image, List<Rectangle> boxes) {
	}

	/**
	 * Draws each caption on a copy of {@code background} (scaled to {@code width}),
	 * filled with {@code fill} and a thin outline of {@code outline}, rotated by
	 * {@code degrees} about its start.
	 */
	static Captioned caption(String background, int width, List<String> texts, List<int[]> at, int size, Color fill,
			Color outline, double degrees) {
		BufferedImage bg = NsfwClassifierTest.image(background);
		int height = bg.getHeight() * width / bg.getWidth();
		BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = img.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.drawImage(bg, 0, 0, width, height, null);
		List<Rectangle> boxes = new ArrayList<>();
		FontRenderContext frc = g.getFontRenderContext();
		for (int i = 0; i < texts.size(); i++) {
			TextLayout layout = new TextLayout(texts.get(i), new Font(Font.SANS_SERIF, Font.BOLD, size), frc);
			AffineTransform t = AffineTransform.getTranslateInstance(at.get(i)[0], at.get(i)[1]);
			t.rotate(Math.toRadians(degrees));
			Shape glyphs = t.createTransformedShape(layout.getOutline(null));
			g.setColor(outline);
			g.setStroke(new BasicStroke(2f));
			g.draw(glyphs);
			g.setColor(fill);
			g.fill(glyphs);
			boxes.add(glyphs.getBounds());
		}
		g.dispose();
		return new Captioned(img, boxes);
	}

	static OcrLine lineWith(OcrResult result, String word) {
		return result.lines()
			.stream()
			.filter(l -> l.text().toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("'" + word + "' not found in " + result.lines()));
	}

	/**
	 * the line's box and where the words were drawn overlap by most of the smaller one
	 */
	static void assertNear(OcrLine line, Rectangle drawn) {
		Rectangle found = new Rectangle(line.x(), line.y(), line.width(), line.height());
		Rectangle common = found.intersection(drawn);
		assertThat(common.isEmpty()).as("box %s vs drawn %s", found, drawn).isFalse();
		double smaller = Math.min(found.width * (double) found.height, drawn.width * (double) drawn.height);
		assertThat(common.width * (double) common.height).as("box %s vs drawn %s", found, drawn)
			.isGreaterThan(0.5 * smaller);
	}

	static Captioned spamOnCat() {
		return caption("chelsea.png", 900, List.of("CHEAP PILLS", "visit spam.example"),
				List.of(new int[] { 60, 90 }, new int[] { 300, 520 }), 48, new Color(255, 230, 40),
				new Color(60, 20, 0), -3);
	}

	@Test
	void findsSpamWordsOnAPhotoWithTheirBoxes() {
		Captioned c = spamOnCat();
		OcrResult result = ocr.recognize(c.image());
		assertNear(lineWith(result, "CHEAP"), c.boxes().get(0));
		assertThat(lineWith(result, "CHEAP").text()).containsIgnoringCase("PILLS");
		// over the fur the '.' and the 'm' get misread ("visit. spa sexample"); the words
		// stay
		assertNear(lineWith(result, "visit"), c.boxes().get(1));
		assertThat(lineWith(result, "visit").text()).containsIgnoringCase("spa").containsIgnoringCase("example");
	}

	@Test
	void findsLightTextOnADarkPartOfAPhoto() {
		Captioned c = caption("coffee.png", 600, List.of("FREE CASH"), List.of(new int[] { 10, 55 }), 28,
				new Color(235, 235, 235), new Color(235, 235, 235), 2);
		OcrResult result = ocr.recognize(c.image());
		OcrLine line = lineWith(result, "CASH");
		assertThat(line.text()).containsIgnoringCase("FREE");
		assertNear(line, c.boxes().get(0));
	}

	/** a line of bold text on a flat background */
	static BufferedImage flat(int w, int h, Color background, String text, int size, Color ink) {
		BufferedImage image = TestImages.solid(w, h, background);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(ink);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
		g.drawString(text, 40, h / 2 + size / 3);
		g.dispose();
		return image;
	}

	@Test
	void readsTextOnFlatBackgroundsInLargeAndSmallLetters() {
		// the video frame of VideoJobsTest / ClientFramesTest (read through a text
		// region)
		assertThat(ocr.recognize(flat(640, 360, new Color(200, 200, 200), "CHEAP PILLS", 64, Color.BLACK)).text())
			.containsIgnoringCase("CHEAP PILLS");
		// letters over 150 px
		assertThat(ocr.recognize(flat(1100, 400, Color.WHITE, "SALE NOW", 200, new Color(30, 30, 120))).text())
			.containsIgnoringCase("SALE");
		// light on dark, a small caption
		assertThat(ocr.recognize(flat(800, 200, new Color(20, 20, 30), "follow spam.example", 24, Color.WHITE)).text())
			.containsIgnoringCase("spam");
	}

	@Test
	void findsNothingOnPhotosWithoutText() {
		for (String photo : List.of("chelsea.png", "coffee.png")) {
			OcrResult result = ocr.recognize(NsfwClassifierTest.image(photo));
			assertThat(result.lines()).as(photo).isEmpty();
		}
	}

	/** the coffee photo at 1224x816: sharp detail nearly everywhere, no writing */
	static BufferedImage busyCoffee() {
		return TestImages.resize(TestImages.photo("coffee.png"), 1224, 816);
	}

	@Test
	void readsNothingOnABusyPhotoWithoutTextWhenTheStricterLookFindsNoStroke() {
		TextRecognizer.Trace trace = new TextRecognizer.Trace();
		OcrResult result = ocr.recognize(busyCoffee(), trace);
		assertThat(result.lines()).isEmpty();
		// the first look finds busy detail, the stricter one nothing: no Tesseract call
		assertThat(trace.regions).as("%s", trace).isPositive();
		assertThat(trace.path).as("%s", trace).isEqualTo(TextRecognizer.Trace.Path.NO_STRICT_REGION);
		assertThat(trace.calls).isZero();
	}

	@Test
	void readsTheCaptionOfABusyPhotoFromTheCropsOfTheStricterLook() {
		BufferedImage image = TestImages.caption(busyCoffee(), "CHEAP PILLS visit spam.example");
		TextRecognizer.Trace trace = new TextRecognizer.Trace();
		OcrResult result = ocr.recognize(image, trace);
		assertThat(trace.path).as("%s", trace).isEqualTo(TextRecognizer.Trace.Path.STRICT_CROPS);
		assertThat(trace.pixels).as("%s", trace).isLessThan(1224L * 816);
		assertThat(result.text()).containsIgnoringCase("PILLS").containsIgnoringCase("visit");
	}

	/**
	 * On a busy photo, a line whose last word has too little contrast for the stricter
	 * look ("WATCHES" in mid grey, 90 levels from its band) is still read whole: the crop
	 * of the line's sharp part is widened by text heights on both sides.
	 */
	@Test
	void widensALineOfTheStricterLookSoThatTheWordAtItsEndIsRead() {
		BufferedImage image = busyCoffee();
		// a pale band with soft edges (no sharp step of its own) behind the line
		int top = 300, bottom = 400, fade = 24;
		for (int y = top; y < bottom; y++) {
			double a = Math.min(1.0, Math.min(y - top, bottom - 1 - y) / (double) fade);
			for (int x = 0; x < image.getWidth(); x++) {
				int p = image.getRGB(x, y);
				int r = (int) Math.round(((p >> 16) & 0xff) * (1 - a) + 200 * a);
				int g = (int) Math.round(((p >> 8) & 0xff) * (1 - a) + 200 * a);
				int b = (int) Math.round((p & 0xff) * (1 - a) + 200 * a);
				image.setRGB(x, y, r << 16 | g << 8 | b);
			}
		}
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		Font font = new Font(Font.SANS_SERIF, Font.BOLD, 40);
		g.setFont(font);
		g.setColor(Color.BLACK);
		g.drawString("CHEAP PILLS", 200, 365);
		int end = 200 + g.getFontMetrics().stringWidth("CHEAP PILLS ");
		g.setColor(new Color(110, 110, 110));
		g.drawString("WATCHES", end, 365);
		g.dispose();
		TextRecognizer.Trace trace = new TextRecognizer.Trace();
		OcrResult result = ocr.recognize(image, trace);
		assertThat(trace.path).as("%s", trace).isEqualTo(TextRecognizer.Trace.Path.STRICT_CROPS);
		assertThat(lineWith(result, "PILLS").text()).containsIgnoringCase("WATCHES");
	}

	/**
	 * Red writing on a busy photo steps little in luma ((190, 30, 30) has luma 78) but
	 * much in red against green: the colour channel finds its region in the stricter look
	 * and the crop is read in that channel.
	 */
	@Test
	void readsRedWritingOnABusyPhotoThroughTheColourChannel() {
		BufferedImage image = busyCoffee();
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 40));
		g.setColor(new Color(190, 30, 30));
		g.drawString("CASINO BONUS", 500, 200);
		g.dispose();
		BufferedImage jpeg = new DefaultImageDecoder(ImageLimits.DEFAULTS)
			.decode(TestImages.jpeg(image, 0.85f), dev.vetter.detection.FrameSampling.FIRST_FRAME)
			.first()
			.image();
		TextRecognizer.Trace trace = new TextRecognizer.Trace();
		OcrResult result = ocr.recognize(jpeg, trace);
		assertThat(trace.path).as("%s", trace).isEqualTo(TextRecognizer.Trace.Path.STRICT_CROPS);
		assertThat(trace.colourCrops).as("%s", trace).isPositive();
		assertThat(result.text()).containsIgnoringCase("CASINO").containsIgnoringCase("BONUS");
	}

	@Test
	void spreadsTheRedAgainstGreenChannelOverAllLevels() {
		assertThat(TextRecognizer.Gray.opponent(190 << 16 | 30 << 8 | 30)).isEqualTo(208);
		assertThat(TextRecognizer.Gray.opponent(0x808080)).isEqualTo(128);
		assertThat(TextRecognizer.Gray.opponent(0x00ff00)).isEqualTo(1);
		byte[] px = new byte[200];
		for (int i = 0; i < px.length; i++) {
			px[i] = (byte) (120 + i % 40);
		}
		TextRecognizer.Gray stretched = new TextRecognizer.Gray(20, 10, px).stretched();
		assertThat(stretched.px()[0] & 0xff).isZero();
		assertThat(stretched.px()[39] & 0xff).isEqualTo(255);
		assertThat(stretched.px()[20] & 0xff).isBetween(120, 140);
	}

	/**
	 * A line crop's reading stands (no more passes, no second scale) only when another
	 * pass read each word of its best line too: the benchmark's "GHEAP PIEES" misread
	 * must not.
	 */
	@Test
	void settlesALineCropOnlyWhenAnotherPassReadEachWordOfTheBestLine() {
		TextRecognizer.Line misread = line(OcrPass.SPARSE, "GHEAP PIEES visit spam.example", 87);
		TextRecognizer.Line partial = line(OcrPass.ADAPTIVE, "CHEAP PILLS Visit", 86);
		assertThat(TextRecognizer.settled(List.of())).isFalse();
		assertThat(TextRecognizer.settled(List.of(misread))).isFalse();
		assertThat(TextRecognizer.settled(List.of(misread, partial))).isFalse();
		// each word again, punctuation aside, from another pass over the same place
		TextRecognizer.Line again = line(OcrPass.INVERTED_SPARSE, "GHEAP) PIEES visit spam-example", 80);
		assertThat(TextRecognizer.settled(List.of(misread, partial, again))).isTrue();
		// the same pass twice, or another pass elsewhere in the crop, confirms nothing
		TextRecognizer.Line samePass = line(OcrPass.SPARSE, "GHEAP PIEES visit spam.example", 80);
		assertThat(TextRecognizer.settled(List.of(misread, samePass))).isFalse();
		TextRecognizer.Line elsewhere = line(OcrPass.INVERTED_SPARSE, "GHEAP PIEES visit spam.example", 80);
		elsewhere.place(1.0, 2000, 0);
		assertThat(TextRecognizer.settled(List.of(misread, elsewhere))).isFalse();
	}

	private static TextRecognizer.Line line(OcrPass pass, String text, float confidence) {
		TextRecognizer.Line line = new TextRecognizer.Line(pass);
		int x = 0;
		for (String word : text.split(" ")) {
			line.add(word, confidence, x, 10, x + 30 * word.length(), 60);
			x += 30 * word.length() + 20;
		}
		return line;
	}

	@Test
	void givesTheSameResultsFromFourThreadsAsSequentially() throws Exception {
		List<BufferedImage> images = List.of(spamOnCat().image(),
				caption("coffee.png", 600, List.of("BUY FOLLOWERS"), List.of(new int[] { 40, 80 }), 40, Color.WHITE,
						Color.BLACK, 0)
					.image(),
				NsfwClassifierTest.image("chelsea.png"), caption("astronaut.png", 512, List.of("call 555 0100"),
						List.of(new int[] { 30, 470 }), 36, Color.RED, Color.WHITE, 1)
					.image());
		List<OcrResult> sequential = new ArrayList<>();
		for (BufferedImage image : images) {
			sequential.add(ocr.recognize(image));
		}
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Callable<List<OcrResult>>> jobs = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int offset = t;
				jobs.add(() -> {
					List<OcrResult> out = new ArrayList<>();
					for (int i = 0; i < images.size(); i++) {
						int k = (i + offset) % images.size();
						out.add(ocr.recognize(images.get(k)));
					}
					return out;
				});
			}
			List<Future<List<OcrResult>>> futures = threads.invokeAll(jobs);
			for (int t = 0; t < futures.size(); t++) {
				List<OcrResult> got = futures.get(t).get();
				for (int i = 0; i < images.size(); i++) {
					assertThat(got.get(i)).isEqualTo(sequential.get((i + t) % images.size()));
				}
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(sequential.get(0).lines()).isNotEmpty();
	}

	@Test
	void refusesDegenerateAndHugeImagesBeforeAnyNativeCall() {
		assertThatThrownBy(() -> ocr.recognize(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB)))
			.isInstanceOf(ImageRefused.class)
			.hasMessageContaining("at least 16");
		assertThatThrownBy(() -> ocr.recognize(new BufferedImage(1000, 3, BufferedImage.TYPE_BYTE_GRAY)))
			.isInstanceOf(ImageRefused.class);
		assertThatThrownBy(() -> ocr.recognize(null)).isInstanceOf(ImageRefused.class);
		// 8000 x 6000 = 48 MP, above the default 40 MP limit; the check reads only the
		// header
		assertThatThrownBy(() -> ocr.recognize(new BufferedImage(8000, 6000, BufferedImage.TYPE_BYTE_BINARY)))
			.isInstanceOf(ImageRefused.class)
			.hasMessageContaining("limit is 40000000");
		// still serving afterwards
		assertThat(ocr.recognize(spamOnCat().image()).text()).containsIgnoringCase("PILLS");
	}

	@Test
	void refusesCallsAfterClose() {
		OcrProperties one = OcrProperties.defaults().withPoolSize(1);
		try (TextRecognizer single = new TextRecognizer(new OcrProperties("", "eng", 1, java.time.Duration.ZERO, 70,
				one.maxPixels(), one.minSide(), one.passes()))) {
			single.close();
			assertThatThrownBy(() -> single.recognize(spamOnCat().image())).isInstanceOf(OcrUnavailable.class);
		}
	}

	@Test
	void refusesAMissingDataDirectory() {
		assertThatThrownBy(() -> new TextRecognizer(new OcrProperties("target/no-such-tessdata", "eng", 1,
				java.time.Duration.ofSeconds(1), 70, 1000, 16, List.of(OcrPass.SPARSE))))
			.isInstanceOf(OcrUnavailable.class)
			.hasMessageContaining("eng.traineddata");
	}

}
