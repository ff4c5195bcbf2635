/**
 * API adapters that speak other vendors' wire protocols. {@code green}: the Alibaba Cloud
 * Content Moderation (Green API 1.0, version 2018-05-09) adapter — request signatures,
 * envelopes and codes. Thin: every decision is made by the business modules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Green API adapter",
		allowedDependencies = { "platform", "tenancy", "policy", "moderation" })
package dev.vetter.api;
