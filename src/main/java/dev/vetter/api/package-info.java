/**
 * API adapters that speak other vendors' wire protocols. {@code green}: the Alibaba Cloud
 * Content Moderation (Green API 1.0, version 2018-05-09) adapter — envelopes and codes;
 * {@code green2}: Green API 2.0 (version 2022-03-02, RPC actions on {@code POST /});
 * {@code acs}: what both share — the signature schemes (ACS HMAC-SHA1/SM3,
 * ACS3-HMAC-SHA256, RPC HMAC-SHA1), the nonce store, gateway errors and per-tenant
 * settings. Thin: every decision is made by the business modules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Green API adapter",
		allowedDependencies = { "platform", "tenancy", "policy", "moderation" })
package dev.vetter.api;
