package dev.vetter.detection;

/**
 * Progress of one media pass, reported after each frame and about every second of audio.
 *
 * @param framesDone sampled frames delivered so far
 * @param framesTotal frames the pass expects to deliver (from duration, interval and
 * maxFrames); 0 when no frames are wanted
 * @param audioSecondsDone seconds of audio delivered so far
 * @param durationSeconds the media's duration (0 when unknown)
 */
public record MediaProgress(int framesDone, int framesTotal, double audioSecondsDone, double durationSeconds) {
}
