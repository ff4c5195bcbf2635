package dev.vetter.platform.net;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NetConfiguration {

	@Bean
	TargetGuard targetGuard(TargetGuardProperties properties) {
		return new TargetGuard(properties.allowPrivateTargets(), HostResolver.SYSTEM);
	}

}
