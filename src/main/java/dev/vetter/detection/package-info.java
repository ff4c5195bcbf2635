/**
 * Detection: the detectors per content kind and their models. Pure computation: no
 * persistence, no knowledge of tenants, tasks or policies. Other modules hand in content
 * and compiled term sets and get hits back with positions in the original content.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Detection", allowedDependencies = {})
package dev.vetter.detection;
