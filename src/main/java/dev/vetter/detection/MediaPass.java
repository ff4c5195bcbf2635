package dev.vetter.detection;

/**
 * The outcome of one pass over a media file.
 *
 * @param info what the file holds
 * @param framesDelivered sampled frames handed to the frame sink
 * @param audioSeconds seconds of 16 kHz audio handed to the audio sink
 * @param cancelled true when the pass stopped early because its token said so
 */
public record MediaPass(MediaInfo info, int framesDelivered, double audioSeconds, boolean cancelled) {
}
