package dev.vetter.platform.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * Too many failed logins for this name or from this address: answered 429 with
 * {@code Retry-After}, without checking the credentials.
 */
public class LoginThrottled extends AuthenticationException {

	private final Duration retryAfter;

	public LoginThrottled(Duration retryAfter) {
		super("too many failed logins; retry after " + Math.max(1, retryAfter.toSeconds()) + " s");
		this.retryAfter = retryAfter;
	}

	/** Whole seconds, at least 1. */
	public long retryAfterSeconds() {
		return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
	}

}
