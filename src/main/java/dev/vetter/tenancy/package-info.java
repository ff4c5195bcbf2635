/**
 * Tenancy: tenants (with their numeric {@code uid}), access keys, users and roles, and
 * the bootstrap of a demo tenant on first start. Its API answers "who is calling?" for
 * the adapters.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tenancy", allowedDependencies = "platform")
package dev.vetter.tenancy;
