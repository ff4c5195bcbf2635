package dev.vetter.tenancy.web;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import dev.vetter.tenancy.AccessKey;
import dev.vetter.tenancy.TenantDirectory;

/**
 * HTTP Basic {@code AccessKeyId:AccessKeySecret}: acts as the key's tenant. Names that
 * are no access key are left to the next provider (users).
 */
final class AccessKeyAuthenticationProvider implements AuthenticationProvider {

	private final TenantDirectory directory;

	AccessKeyAuthenticationProvider(TenantDirectory directory) {
		this.directory = directory;
	}

	@Override
	public Authentication authenticate(Authentication request) {
		AccessKey key = directory.accessKey(request.getName()).orElse(null);
		if (key == null) {
			return null;
		}
		String secret = request.getCredentials() == null ? "" : request.getCredentials().toString();
		return directory.authenticateAccessKey(key, secret)
			.map(caller -> new CallerAuthentication(caller, request.getDetails()))
			.orElseThrow(() -> new BadCredentialsException("wrong secret or disabled access key"));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
