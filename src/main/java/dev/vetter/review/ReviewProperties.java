package dev.vetter.review;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Review queue settings.
 *
 * @param lease how long a claim is held before the item returns to the queue
 */
@ConfigurationProperties("vetter.review")
public record ReviewProperties(@DefaultValue("5m") Duration lease) {
}
