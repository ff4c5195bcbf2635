package dev.vetter.tenancy.web;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import dev.vetter.tenancy.TenantDirectory;

/**
 * HTTP Basic (and, later, the console's form login) {@code username:password}. Unknown
 * users cost the same bcrypt check as known ones ({@link TenantDirectory}).
 */
final class UserAuthenticationProvider implements AuthenticationProvider {

	private final TenantDirectory directory;

	UserAuthenticationProvider(TenantDirectory directory) {
		this.directory = directory;
	}

	@Override
	public Authentication authenticate(Authentication request) {
		if (directory.accessKey(request.getName()).isPresent()) {
			// an access key's name: the access key provider has answered
			return null;
		}
		String password = request.getCredentials() == null ? "" : request.getCredentials().toString();
		return directory.authenticateUser(request.getName(), password)
			.map(caller -> new CallerAuthentication(caller, request.getDetails()))
			.orElseThrow(() -> new BadCredentialsException("wrong username or password"));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
