package dev.vetter.detection;

import java.awt.image.BufferedImage;

/**
 * A perceptual fingerprint of a frame (for example a PDQ hash) and the distance between
 * two of them, used by {@link NearDuplicateFrames} to recognise near-identical
 * consecutive frames.
 *
 * @param <F> the fingerprint type
 */
public interface FrameFingerprint<F> {

	F of(BufferedImage image);

	/** 0 for identical frames; larger means more different */
	int distance(F a, F b);

}
