package dev.vetter.detection;

import java.awt.image.BufferedImage;

/**
 * One sampled frame. The image belongs to the receiver (a fresh copy per frame).
 *
 * @param index 0-based position among the sampled frames
 * @param offsetSeconds the frame's presentation time in the video
 * @param image the decoded frame (TYPE_3BYTE_BGR)
 */
public record VideoFrame(int index, double offsetSeconds, BufferedImage image) {
}
