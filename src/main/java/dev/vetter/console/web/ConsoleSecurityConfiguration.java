package dev.vetter.console.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import dev.vetter.platform.security.LoginThrottled;
import dev.vetter.tenancy.Caller;

/**
 * The console's chain, between the native API's ({@code @Order(1)}) and the permit-all
 * one: form login at {@code /login} (fields {@code username}, {@code password}) through
 * the native {@link AuthenticationManager} and its login throttle, users only (an access
 * key's credentials are refused here), a session (id changed at login), CSRF on every
 * state change, logout, and strict headers (a CSP without inline scripts or styles).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

	static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "media-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	@Bean
	@Order(2)
	SecurityFilterChain console(HttpSecurity http, AuthenticationManager nativeAuthenticationManager) throws Exception {
		SavedRequestAwareAuthenticationSuccessHandler homes = new SavedRequestAwareAuthenticationSuccessHandler();
		homes.setDefaultTargetUrl("/console");
		return http.securityMatcher("/login", "/logout", "/console", "/console/**")
			.authenticationManager(usersOnly(nativeAuthenticationManager))
			.authorizeHttpRequests(rules -> rules.requestMatchers("/login", "/console/assets/**")
				.permitAll()
				.requestMatchers("/console/review/escalations/**")
				.hasRole("LEAD")
				.requestMatchers("/console/review/**")
				.hasAnyRole("REVIEWER", "LEAD")
				.requestMatchers("/console/tenant/**")
				.hasRole("TENANT_ADMIN")
				.requestMatchers("/console/operator/**")
				.hasRole("OPERATOR")
				.anyRequest()
				.authenticated())
			.formLogin(form -> form.loginPage("/login")
				.loginProcessingUrl("/login")
				.usernameParameter("username")
				.passwordParameter("password")
				.successHandler(homes)
				.failureHandler(failures()))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
				.sessionFixation(fixation -> fixation.changeSessionId()))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
			.build();
	}

	/**
	 * The native manager (throttled), refusing access keys: the console is for people.
	 */
	static AuthenticationManager usersOnly(AuthenticationManager delegate) {
		return request -> {
			Authentication result = delegate.authenticate(request);
			if (result.getPrincipal() instanceof Caller caller && !caller.viaAccessKey()) {
				return result;
			}
			throw new BadCredentialsException("the console is for users; access keys cannot log in");
		};
	}

	/** Wrong credentials: back to the form; too many failures: a 429 page. */
	static AuthenticationFailureHandler failures() {
		return (request, response, e) -> {
			if (e instanceof LoginThrottled throttled) {
				response.setStatus(429);
				response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
				response.setContentType("text/html;charset=UTF-8");
				response.getWriter()
					.write("<!doctype html><html lang=\"en\"><head><title>Too many attempts - Vetter</title>"
							+ "<link rel=\"stylesheet\" href=\"/console/assets/console.css\"></head><body>"
							+ "<main class=\"login\"><h1>Too many failed logins</h1><p role=\"alert\">"
							+ "Too many failed logins for this name or from this address. Try again in "
							+ throttled.retryAfterSeconds() + " seconds.</p><p><a href=\"/login\">Back to login</a>"
							+ "</p></main></body></html>");
				return;
			}
			response.sendRedirect("/login?error");
		};
	}

}
