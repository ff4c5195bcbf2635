package dev.vetter.platform.net;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbound connections (callbacks, media downloads).
 *
 * @param allowPrivateTargets allow loopback and private-network targets (10/8, 172.16/12,
 * 192.168/16, 100.64/10, fc00::/7, 127/8, ::1, {@code localhost}); for development and
 * tests only. Link-local and cloud metadata addresses stay refused either way.
 */
@ConfigurationProperties("vetter.security")
public record TargetGuardProperties(@DefaultValue("false") boolean allowPrivateTargets) {
}
