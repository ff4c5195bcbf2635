package dev.vetter.detection.image;

/**
 * The OCR engine cannot start: native libraries or language data missing or unreadable.
 */
public class OcrUnavailable extends RuntimeException {

	public OcrUnavailable(String message) {
		super(message);
	}

	public OcrUnavailable(String message, Throwable cause) {
		super(message, cause);
	}

}
