package dev.vetter.tenancy.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

import dev.vetter.platform.security.LoginThrottle;
import dev.vetter.platform.security.ProblemResponses;
import dev.vetter.platform.security.ThrottlingAuthenticationManager;
import dev.vetter.tenancy.TenantDirectory;

/**
 * Who may call what, in one place.
 * <p>
 * {@code /v1/**} (the native API): HTTP Basic with {@code AccessKeyId:AccessKeySecret}
 * (the key's tenant) or {@code username:password} (a user), checked by the providers
 * behind a {@link LoginThrottle}; stateless, no session, no CSRF (no cookies to forge
 * with). The rules per path are {@link #nativeApiRules}. Failures answer problem+json:
 * 401 {@code unauthenticated}, 429 {@code too-many-requests}, 403 {@code forbidden}.
 * <p>
 * Everything else is open to this chain: {@code /green/**} is authenticated by its own
 * ACS signature filter, {@code /ping}, actuator and the OpenAPI document are public as
 * before. The console's chain (form login, sessions, CSRF for {@code /console/**}) is
 * added beside these with its own {@code securityMatcher} and an order between the two,
 * reusing {@link #nativeAuthenticationManager} and the {@link LoginThrottle}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String REALM = "vetter";

	/**
	 * Access keys first, then users; every attempt goes through the login throttle.
	 */
	@Bean
	AuthenticationManager nativeAuthenticationManager(TenantDirectory directory, LoginThrottle throttle) {
		ProviderManager providers = new ProviderManager(new AccessKeyAuthenticationProvider(directory),
				new UserAuthenticationProvider(directory));
		return new ThrottlingAuthenticationManager(providers, throttle);
	}

	@Bean
	@Order(1)
	SecurityFilterChain nativeApi(HttpSecurity http, AuthenticationManager nativeAuthenticationManager)
			throws Exception {
		AuthenticationEntryPoint entryPoint = ProblemResponses.basicEntryPoint(REALM);
		return http.securityMatcher("/v1/**")
			.authorizeHttpRequests(SecurityConfiguration::nativeApiRules)
			.authenticationManager(nativeAuthenticationManager)
			.httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
			.exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(ProblemResponses.accessDenied()))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.build();
	}

	/**
	 * The native API's permissions. Data scope (which tenant's rows) is enforced by the
	 * services: a tenant's caller only reaches its own rows, a reviewer only the tenants
	 * of its {@link dev.vetter.tenancy.ReviewScope}, and other tenants' ids answer as
	 * missing ones.
	 */
	static void nativeApiRules(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
		rules
			// operators: tenants, users, access keys, agreements, queue statistics
			.requestMatchers("/v1/admin/**")
			.hasRole("OPERATOR")
			// the review log: operators, and leads for the tenants they review
			.requestMatchers("/v1/review/items/*/events")
			.hasAnyRole("OPERATOR", "LEAD")
			// the workbench: reviewers and leads
			.requestMatchers("/v1/review/**")
			.hasAnyRole("REVIEWER", "LEAD")
			// moderation (text, image, video, voice) and jobs (state, cancel, media,
			// frames): the tenant, on its own tasks only (another tenant's task id is
			// answered as a missing one)
			.requestMatchers("/v1/text/moderations", "/v1/image/moderations", "/v1/video/moderations",
					"/v1/voice/moderations", "/v1/jobs/**", "/v1/tasks/**")
			.hasAuthority(CallerAuthentication.TENANT)
			// everything else acts for one tenant: its access key or its tenant admin
			.anyRequest()
			.hasAuthority(CallerAuthentication.TENANT);
	}

	/**
	 * {@code /green/**} (own signature filter), {@code /ping}, actuator, the OpenAPI
	 * document: no Spring Security authentication, no session, no CSRF.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests(rules -> rules.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.securityContext(context -> context.requireExplicitSave(true))
			.anonymous(AbstractHttpConfigurer::disable)
			.build();
	}

}
