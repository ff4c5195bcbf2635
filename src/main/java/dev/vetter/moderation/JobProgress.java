package dev.vetter.moderation;

/**
 * How far a running job got: frames analysed out of the frames planned, and seconds of
 * audio recognised out of the audio's length (0 when unknown or not applicable).
 */
public record JobProgress(int framesDone, int framesTotal, double audioSecondsDone, double audioSecondsTotal) {

	public static final JobProgress NONE = new JobProgress(0, 0, 0, 0);

}
