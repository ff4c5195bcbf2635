package dev.vetter.detection;

/**
 * Decodes untrusted image bytes within fixed limits. The format is sniffed from the
 * bytes; dimensions are read from the header and checked before any pixel buffer is
 * allocated; big images are decoded with subsampling straight to working size, so memory
 * stays bounded whatever the input. Thread-safe.
 */
public interface ImageDecoder {

	/**
	 * @param bytes the whole file
	 * @param sampling which frames of an animated image to keep
	 * @throws ImageRejected if the bytes are empty, not a supported format, too large or
	 * corrupt
	 */
	DecodedImage decode(byte[] bytes, FrameSampling sampling);

}
