package dev.vetter.platform.blob;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BlobConfiguration {

	/** The folder store, unless another {@link BlobStore} (e.g. S3) is configured. */
	@Bean
	@ConditionalOnMissingBean(BlobStore.class)
	BlobStore localBlobStore(BlobStoreProperties properties) {
		return new LocalBlobStore(properties.root());
	}

}
