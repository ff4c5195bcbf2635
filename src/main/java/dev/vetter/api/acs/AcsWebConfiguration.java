package dev.vetter.api.acs;

import java.time.Clock;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.vetter.api.green.GreenProperties;
import dev.vetter.tenancy.TenantDirectory;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * One signature filter and one nonce store for both Alibaba-compatible APIs: 1.0 on
 * {@code /green/*}, 2.0 on {@code POST /}.
 */
@Configuration(proxyBeanMethods = false)
class AcsWebConfiguration {

	@Bean
	NonceStore nonceStore(GreenProperties properties, JdbcClient jdbc, Clock clock) {
		return switch (properties.nonceStore()) {
			case "memory" -> new NonceRegistry(properties.nonceCapacity());
			case "database" -> new DatabaseNonceStore(jdbc, clock);
			default -> throw new IllegalStateException(
					"vetter.green.nonce-store is memory or database, not " + properties.nonceStore());
		};
	}

	@Bean
	FilterRegistrationBean<AcsAuthFilter> greenAuthFilter(TenantDirectory directory, GreenSettings settings,
			GreenProperties properties, NonceStore nonces, Clock clock, MeterRegistry meters) {
		FilterRegistrationBean<AcsAuthFilter> registration = new FilterRegistrationBean<>(new AcsAuthFilter(directory,
				settings, nonces, clock, meters, properties.clockSkew(), properties.maxBody()));
		// "/*" because a servlet filter cannot be mapped to exactly "/"; the filter skips
		// everything but /green/** and POST /
		registration.addUrlPatterns("/*");
		registration.setName("greenAuthFilter");
		registration.setOrder(10);
		return registration;
	}

}
