package dev.vetter.detection.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

import com.google.zxing.LuminanceSource;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;

import dev.vetter.detection.DecodedImage;
import dev.vetter.detection.FrameSampling;
import dev.vetter.detection.ImageBox;
import dev.vetter.detection.QrCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QrCodeDetectorTest {

	private final DefaultImageDecoder decoder = new DefaultImageDecoder(ImageLimits.DEFAULTS);

	private final QrCodeDetector detector = new QrCodeDetector();

	@Test
	void findsARotatedCodePastedIntoAPhotoWithItsLocation() {
		String text = "https://spam.example/win-prize?id=42";
		BufferedImage code = TestImages.qrCode(text, 4); // 29 modules + quiet zone = 148
															// px
		BufferedImage photo = TestImages.paste(TestImages.photo("coffee.png"), code, 420, 250, 8);

		List<QrCode> found = detector.detect(decode(TestImages.jpeg(photo, 0.85f)).first());

		assertThat(found).singleElement().satisfies(qr -> {
			assertThat(qr.text()).isEqualTo(text);
			assertNear(qr.location(), 420, 250, symbolSide(text, 4) * rotatedExtent(8));
		});
	}

	@Test
	void findsSeveralCodesInOnePhoto() {
		BufferedImage photo = TestImages.photo("astronaut.png");
		photo = TestImages.paste(photo, TestImages.qrCode("first code", 4), 120, 120, 0);
		photo = TestImages.paste(photo, TestImages.qrCode("https://second.example/path", 4), 380, 370, -12);

		List<QrCode> found = detector.detect(decode(TestImages.encode(photo, "png")).first());

		assertThat(found).extracting(QrCode::text)
			.containsExactlyInAnyOrder("first code", "https://second.example/path");
		QrCode second = found.stream().filter(q -> q.text().startsWith("https")).findFirst().orElseThrow();
		assertNear(second.location(), 380, 370, symbolSide("https://second.example/path", 4) * rotatedExtent(12));
	}

	@Test
	void reportsLocationsInOriginalCoordinatesForBigImages() {
		// 4200 x 2800 is read every 3rd pixel; the box must still be in the original's
		// pixels
		String text = "big image code";
		BufferedImage big = TestImages.resize(TestImages.photo("chelsea.png"), 4200, 2800);
		big = TestImages.paste(big, TestImages.qrCode(text, 12), 3000, 1900, 8);
		DecodedImage decoded = decode(TestImages.jpeg(big, 0.9f));
		assertThat(decoded.first().scale()).isGreaterThan(2.0);

		List<QrCode> found = detector.detect(decoded.first());

		assertThat(found).singleElement().satisfies(qr -> {
			assertThat(qr.text()).isEqualTo(text);
			assertNear(qr.location(), 3000, 1900, symbolSide(text, 12) * rotatedExtent(8));
		});
	}

	@Test
	void findsNothingInPhotosWithoutCodes() {
		for (String name : List.of("astronaut.png", "chelsea.png", "coffee.png")) {
			BufferedImage photo = TestImages.photo(name);
			assertThat(detector.detect(decode(TestImages.encode(photo, "png")).first())).as(name).isEmpty();
		}
	}

	private DecodedImage decode(byte[] bytes) {
		return decoder.decode(bytes, FrameSampling.FIRST_FRAME);
	}

	/** Side of the symbol without its quiet zone, in pixels. */
	private static int symbolSide(String text, int moduleSize) {
		return (TestImages.qrCode(text, 1).getWidth() - 8) * moduleSize;
	}

	/** Width of the axis-aligned box around a square of side 1 turned by degrees. */
	private static double rotatedExtent(double degrees) {
		double r = Math.toRadians(degrees);
		return Math.abs(Math.cos(r)) + Math.abs(Math.sin(r));
	}

	/** Centre within 3% of the expected side, size within 10%. */
	@Test
	void readsTheSameGreyLevelsAsZxingsOwnSourceWholeAndCropped() {
		BufferedImage photo = TestImages.paste(TestImages.photo("chelsea.png"), TestImages.qrCode("grey", 4), 200, 150,
				8);
		BufferedImage frame = decode(TestImages.jpeg(TestImages.resize(photo, 1224, 816), 0.85f)).first().image();
		assertThat(frame.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);

		LuminanceSource ours = QrCodeDetector.luminance(frame);
		LuminanceSource zxing = new BufferedImageLuminanceSource(frame);

		assertThat(Arrays.equals(ours.getMatrix(), zxing.getMatrix())).isTrue();
		// GenericMultipleBarcodeReader searches crops around what it found
		LuminanceSource ourCrop = ours.crop(17, 33, 501, 299);
		LuminanceSource zxingCrop = zxing.crop(17, 33, 501, 299);
		assertThat(Arrays.equals(ourCrop.getMatrix(), zxingCrop.getMatrix())).isTrue();
		assertThat(ourCrop.getRow(123, null)).isEqualTo(zxingCrop.getRow(123, null));
	}

	private static void assertNear(ImageBox box, int cx, int cy, double side) {
		assertThat((double) box.centerX()).as("centre x of %s", box).isCloseTo(cx, withinPixels(side * 0.03 + 3));
		assertThat((double) box.centerY()).as("centre y of %s", box).isCloseTo(cy, withinPixels(side * 0.03 + 3));
		assertThat((double) box.w()).as("width of %s", box).isCloseTo(side, withinPixels(side * 0.1));
		assertThat((double) box.h()).as("height of %s", box).isCloseTo(side, withinPixels(side * 0.1));
	}

	private static org.assertj.core.data.Offset<Double> withinPixels(double pixels) {
		return org.assertj.core.data.Offset.offset(pixels);
	}

}
