/**
 * Console: the web UI for reviewers (workbench, image grid, escalation queue), tenant
 * admins (notifications, policies, libraries, results, deliveries) and operators
 * (tenants, agreements, users, queue dashboard). Server-rendered Thymeleaf pages with
 * small static scripts; an adapter that nothing depends on, calling the public APIs of
 * the business modules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Console",
		allowedDependencies = { "platform", "tenancy", "review", "moderation", "policy", "callbacks" })
package dev.vetter.console;
