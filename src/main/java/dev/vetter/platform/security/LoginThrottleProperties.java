package dev.vetter.platform.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on failed logins ({@code vetter.security.login-throttle.*}). Each limit is a
 * number of failures that refills evenly over its period: with 10 per 10 minutes, one
 * more try is allowed every minute once the ten are spent.
 *
 * @param perPrincipalAndAddress failures for one name from one address
 * @param perAddress failures from one address, whatever the names
 * @param perPrincipal failures for one name from all addresses together (a distributed
 * guess); when spent, the name is locked for everyone until it refills
 * @param period the time over which each limit refills completely
 * @param maxTracked at most this many names and addresses are tracked at once
 */
@ConfigurationProperties("vetter.security.login-throttle")
public record LoginThrottleProperties(@DefaultValue("10") int perPrincipalAndAddress,
		@DefaultValue("50") int perAddress, @DefaultValue("200") int perPrincipal, @DefaultValue("10m") Duration period,
		@DefaultValue("100000") int maxTracked) {

	public LoginThrottleProperties {
		if (perPrincipalAndAddress < 1 || perAddress < 1 || perPrincipal < 1 || maxTracked < 1) {
			throw new IllegalArgumentException("login throttle limits must be positive");
		}
		if (period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException("login throttle period must be positive");
		}
	}

}
