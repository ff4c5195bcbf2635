package dev.vetter.tenancy.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.vetter.tenancy.Caller;
import dev.vetter.tenancy.Role;

/**
 * An authenticated {@link Caller}: its roles as {@code ROLE_*} authorities, and
 * {@link #TENANT} when it acts for a tenant (an access key, or a tenant admin).
 */
final class CallerAuthentication extends AbstractAuthenticationToken {

	/** The authority of callers that act for a tenant. */
	static final String TENANT = "TENANT";

	private final Caller caller;

	CallerAuthentication(Caller caller, Object details) {
		super(authorities(caller));
		this.caller = caller;
		setDetails(details);
		setAuthenticated(true);
	}

	private static List<GrantedAuthority> authorities(Caller caller) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (Role role : caller.roles()) {
			authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
		}
		if (caller.actsForTenant()) {
			authorities.add(new SimpleGrantedAuthority(TENANT));
		}
		return authorities;
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public Caller getPrincipal() {
		return caller;
	}

	@Override
	public String getName() {
		return caller.principal();
	}

}
