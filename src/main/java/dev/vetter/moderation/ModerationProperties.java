package dev.vetter.moderation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of moderation requests, the same whichever API (native or Green) carries them.
 *
 * @param maxTextLength characters per text task (more: problem {@code too-large}, Green
 * task code 589)
 * @param maxTasks tasks per request (more: problem {@code too-many-tasks}, Green code
 * 589)
 * @param maxUrlLength characters of a media URL of a task
 * @param resultRetention how long a decided task's result stays queryable (then problem
 * {@code expired}, Green code 594)
 */
@ConfigurationProperties("vetter.moderation")
public record ModerationProperties(@DefaultValue("10000") int maxTextLength, @DefaultValue("100") int maxTasks,
		@DefaultValue("2048") int maxUrlLength, @DefaultValue("30d") Duration resultRetention) {

	/** The defaults, for tests and tools that run without Spring. */
	public static ModerationProperties defaults() {
		return new ModerationProperties(10_000, 100, 2048, Duration.ofDays(30));
	}

}
