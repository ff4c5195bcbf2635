package dev.vetter.tenancy.web;

import java.util.List;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.vetter.tenancy.TenantDirectory;

@Configuration(proxyBeanMethods = false)
class TenancyWebConfiguration implements WebMvcConfigurer {

	@Bean
	FilterRegistrationBean<NativeAuthFilter> nativeAuthFilter(TenantDirectory directory) {
		FilterRegistrationBean<NativeAuthFilter> registration = new FilterRegistrationBean<>(
				new NativeAuthFilter(directory));
		registration.addUrlPatterns("/v1/*");
		registration.setName("nativeAuthFilter");
		registration.setOrder(10);
		return registration;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CallerArgumentResolver());
	}

}
