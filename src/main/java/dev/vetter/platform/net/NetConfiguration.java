package dev.vetter.platform.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NetConfiguration {

	@Bean
	TargetGuard targetGuard(TargetGuardProperties properties) {
		return new TargetGuard(properties.allowPrivateTargets(), HostResolver.SYSTEM);
	}

	@Bean(destroyMethod = "close")
	OutboundHttp outboundHttp(TargetGuard guard, OutboundHttpProperties properties,
			ObjectProvider<MeterRegistry> metrics) {
		return new OutboundHttp(guard, properties, tls(properties), metrics.getIfAvailable(SimpleMeterRegistry::new));
	}

	/**
	 * The JVM's default trust, or only the certificates of {@code vetter.net.trust-store}
	 * when set.
	 */
	static SSLContext tls(OutboundHttpProperties properties) {
		try {
			if (properties.trustStore().isBlank()) {
				return SSLContext.getDefault();
			}
			KeyStore store = KeyStore.getInstance(properties.trustStoreType());
			try (InputStream in = Files.newInputStream(Path.of(properties.trustStore()))) {
				store.load(in, properties.trustStorePassword().toCharArray());
			}
			TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			tmf.init(store);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, tmf.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException e) {
			throw new IllegalStateException("vetter.net.trust-store could not be loaded: " + e.getMessage(), e);
		}
	}

}
