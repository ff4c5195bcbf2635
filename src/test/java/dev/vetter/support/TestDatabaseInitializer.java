package dev.vetter.support;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the context at the per-JVM embedded PostgreSQL before any condition is
 * evaluated.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("vetter-test-database",
					Map.of("spring.datasource.url", TestDatabase.jdbcUrl(), "spring.datasource.username", "postgres")));
	}

}
