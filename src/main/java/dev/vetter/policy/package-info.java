/**
 * Policy: bizType policies (which detections run, which libraries apply, per-label
 * suggestion overrides, escalation rules) and the tenants' custom libraries. Hands
 * compiled, cached policies to moderation.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Policy",
		allowedDependencies = { "platform", "tenancy", "detection", "detection :: image" })
package dev.vetter.policy;
