package dev.vetter.detection.image;

/** A native Tesseract call failed for one image. The engine that failed is replaced. */
public class RecognitionFailed extends RuntimeException {

	public RecognitionFailed(String message) {
		super(message);
	}

	public RecognitionFailed(String message, Throwable cause) {
		super(message, cause);
	}

}
