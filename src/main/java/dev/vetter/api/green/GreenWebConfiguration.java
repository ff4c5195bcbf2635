package dev.vetter.api.green;

import java.time.Clock;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.vetter.tenancy.TenantDirectory;

import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class GreenWebConfiguration {

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
	FilterRegistrationBean<GreenAuthFilter> greenAuthFilter(TenantDirectory directory, GreenProperties properties,
			NonceStore nonces, Clock clock, MeterRegistry meters) {
		FilterRegistrationBean<GreenAuthFilter> registration = new FilterRegistrationBean<>(
				new GreenAuthFilter(directory, properties, nonces, clock, meters));
		registration.addUrlPatterns("/green/*");
		registration.setName("greenAuthFilter");
		registration.setOrder(10);
		return registration;
	}

}
