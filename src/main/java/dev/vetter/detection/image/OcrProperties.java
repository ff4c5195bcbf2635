package dev.vetter.detection.image;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * OCR with Tesseract ({@link TextRecognizer}).
 *
 * @param dataDirectory directory holding {@code <language>.traineddata}; empty means the
 * {@code eng.traineddata} bundled in the tess4j jar, copied to a temporary directory at
 * start-up
 * @param language Tesseract language code(s), e.g. {@code eng} or {@code eng+deu}
 * @param poolSize number of Tesseract engines (each about 20 MB, one image at a time)
 * @param acquireTimeout how long a call waits for a free engine before
 * {@link RecognizerBusy}
 * @param minConfidence words below this Tesseract confidence (0–100) are dropped as noise
 * @param maxPixels larger images are refused ({@link ImageRefused})
 * @param minSide images with a side shorter than this are refused
 * @param passes the recognition passes whose results are merged (see {@link OcrPass})
 */
@ConfigurationProperties("vetter.detection.ocr")
public record OcrProperties(@DefaultValue("") String dataDirectory, @DefaultValue("eng") String language,
		@DefaultValue("2") int poolSize, @DefaultValue("10s") Duration acquireTimeout,
		@DefaultValue("50") int minConfidence, @DefaultValue("40000000") long maxPixels,
		@DefaultValue("16") int minSide, @DefaultValue( {
				"SPARSE", "ADAPTIVE", "INVERTED_SPARSE", "INVERTED_BLOCK" }) List<OcrPass> passes){

	public OcrProperties {
		if (poolSize < 1) {
			throw new IllegalArgumentException("vetter.detection.ocr.pool-size must be at least 1");
		}
		if (passes == null || passes.isEmpty()) {
			throw new IllegalArgumentException("vetter.detection.ocr.passes needs at least one pass");
		}
		passes = List.copyOf(passes);
	}

	public static OcrProperties defaults() {
		return new OcrProperties("", "eng", 2, Duration.ofSeconds(10), 50, 40_000_000L, 16,
				List.of(OcrPass.SPARSE, OcrPass.ADAPTIVE, OcrPass.INVERTED_SPARSE, OcrPass.INVERTED_BLOCK));
	}

	public OcrProperties withPoolSize(int size) {
		return new OcrProperties(dataDirectory, language, size, acquireTimeout, minConfidence, maxPixels, minSide,
				passes);
	}

	public OcrProperties withPasses(List<OcrPass> p) {
		return new OcrProperties(dataDirectory, language, poolSize, acquireTimeout, minConfidence, maxPixels, minSide,
				p);
	}

}
