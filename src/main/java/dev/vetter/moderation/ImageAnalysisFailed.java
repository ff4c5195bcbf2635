package dev.vetter.moderation;

/**
 * A detector could not run on an image (a model that would not load, OCR engines busy
 * past their wait, a native failure). The task fails with Green code 586; other tasks are
 * unaffected.
 */
public class ImageAnalysisFailed extends RuntimeException {

	public ImageAnalysisFailed(String message, Throwable cause) {
		super(message, cause);
	}

}
