package dev.vetter.platform.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Puts a {@link LoginThrottle} in front of an {@link AuthenticationManager}: a login over
 * the limits fails with {@link LoginThrottled} before any credential is checked, and
 * every failure counts. The name and the client's address come from the authentication
 * request ({@link WebAuthenticationDetails}, which Basic and form login fill in), so any
 * filter chain can use it.
 */
public class ThrottlingAuthenticationManager implements AuthenticationManager {

	private final AuthenticationManager delegate;

	private final LoginThrottle throttle;

	public ThrottlingAuthenticationManager(AuthenticationManager delegate, LoginThrottle throttle) {
		this.delegate = delegate;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication request) throws AuthenticationException {
		String name = request.getName();
		String address = request.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
		var wait = throttle.blocked(name, address);
		if (wait.isPresent()) {
			throw new LoginThrottled(wait.get());
		}
		try {
			Authentication result = delegate.authenticate(request);
			throttle.succeeded(name, address);
			return result;
		}
		catch (AuthenticationException e) {
			throttle.failed(name, address);
			throw e;
		}
	}

}
