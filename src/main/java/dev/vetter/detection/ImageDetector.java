package dev.vetter.detection;

import java.util.ArrayList;
import java.util.List;

/**
 * One image signal (PDQ hash, QR codes, OCR text, NSFW scores, ...): a class per signal,
 * each taking one decoded frame and giving a typed finding. Implementations are stateless
 * and thread-safe unless their documentation says otherwise.
 *
 * @param <R> the finding for one frame
 */
public interface ImageDetector<R> {

	/**
	 * Stable name of the signal, e.g. {@code pdq}, {@code qrcode}, {@code ocr},
	 * {@code nsfw}.
	 */
	String signal();

	/**
	 * Analyses one frame. Positions in the finding are in original-image coordinates (see
	 * {@link DecodedImage.Frame#toOriginal}).
	 */
	R detect(DecodedImage.Frame frame);

	/** {@link #detect} for every sampled frame, in frame order. */
	default List<R> detectAll(DecodedImage image) {
		List<R> out = new ArrayList<>(image.frames().size());
		for (DecodedImage.Frame frame : image.frames()) {
			out.add(detect(frame));
		}
		return out;
	}

}
