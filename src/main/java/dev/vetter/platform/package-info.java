/**
 * Platform: plumbing every module may use — the embedded PostgreSQL default, the clock,
 * the stable error vocabulary ({@link dev.vetter.platform.ProblemCode}) and the native
 * API's problem+json mapping. Holds no business rules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform",
		type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.vetter.platform;
