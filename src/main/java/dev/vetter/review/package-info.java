/**
 * Review: the human review queue. Items, leases (claims that expire on their own),
 * decisions, double review with escalation to a lead, and the append-only review event
 * log. Knows nothing of how content was detected: the content snapshot and machine
 * findings are opaque JSON shown to reviewers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Review", allowedDependencies = { "platform", "tenancy" })
package dev.vetter.review;
