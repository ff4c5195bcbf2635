package dev.vetter.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
public class TestBeans {

	@Bean
	@Primary
	MutableClock mutableClock() {
		return new MutableClock();
	}

}
