package dev.vetter.detection;

/**
 * The image formats the decoder reads. The format is always sniffed from the first bytes
 * (magic numbers), never taken from a file name or a {@code Content-Type} header.
 */
public enum ImageFormat {

	JPEG, PNG, GIF, BMP, WEBP

}
