package dev.vetter.detection.image;

/**
 * An image was refused before any model saw it: empty, degenerate (a side below the
 * minimum) or larger than the configured pixel limit. The message says which.
 */
public class ImageRefused extends RuntimeException {

	public ImageRefused(String message) {
		super(message);
	}

}
