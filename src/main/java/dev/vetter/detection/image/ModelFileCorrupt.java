package dev.vetter.detection.image;

/**
 * A model file (topology or weights) could not be read or does not describe a network
 * this interpreter can run. The message names the file part and what was wrong.
 */
public class ModelFileCorrupt extends RuntimeException {

	public ModelFileCorrupt(String message) {
		super(message);
	}

	public ModelFileCorrupt(String message, Throwable cause) {
		super(message, cause);
	}

}
