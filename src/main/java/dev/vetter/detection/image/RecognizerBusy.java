package dev.vetter.detection.image;

/** Every OCR engine stayed busy for the configured wait; the caller may retry later. */
public class RecognizerBusy extends RuntimeException {

	public RecognizerBusy(String message) {
		super(message);
	}

	public RecognizerBusy(String message, Throwable cause) {
		super(message, cause);
	}

}
