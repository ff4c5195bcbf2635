package dev.vetter.detection;

/**
 * An axis-aligned rectangle in the pixel coordinates of the ORIGINAL image (as the client
 * sent it, before any reduction to working size); Green's {@code {x, y, w, h}}.
 */
public record ImageBox(int x, int y, int w, int h) {

	public int centerX() {
		return x + w / 2;
	}

	public int centerY() {
		return y + h / 2;
	}

}
