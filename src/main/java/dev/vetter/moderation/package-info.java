/**
 * Moderation: tasks and their results. Runs the detectors of {@code detection} under the
 * tenant's {@code policy} and turns findings into a verdict (suggestion, label, rate,
 * details).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Moderation", allowedDependencies = { "platform",
		"tenancy", "policy", "detection", "detection :: image", "review", "callbacks" })
package dev.vetter.moderation;
