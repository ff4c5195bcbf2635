package dev.vetter.api.green;

import java.time.Clock;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.vetter.tenancy.TenantDirectory;

import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class GreenWebConfiguration {

	@Bean
	FilterRegistrationBean<GreenAuthFilter> greenAuthFilter(TenantDirectory directory, GreenProperties properties,
			Clock clock, MeterRegistry meters) {
		FilterRegistrationBean<GreenAuthFilter> registration = new FilterRegistrationBean<>(
				new GreenAuthFilter(directory, properties, clock, meters));
		registration.addUrlPatterns("/green/*");
		registration.setName("greenAuthFilter");
		registration.setOrder(10);
		return registration;
	}

}
