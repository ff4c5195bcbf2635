package dev.vetter.detection;

/**
 * Receives sampled frames in offset order, on the decoding thread. A sink that throws
 * stops the pass; the exception reaches the caller unchanged.
 */
@FunctionalInterface
public interface FrameSink {

	void accept(VideoFrame frame);

}
