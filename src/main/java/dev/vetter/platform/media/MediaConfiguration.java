package dev.vetter.platform.media;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.vetter.platform.blob.BlobStore;
import dev.vetter.platform.net.OutboundHttp;

@Configuration(proxyBeanMethods = false)
class MediaConfiguration {

	@Bean
	MediaFetcher mediaFetcher(OutboundHttp http, BlobStore blobs, MediaProperties properties) {
		return new MediaFetcher(http, blobs, properties);
	}

	@Bean
	MediaUploads mediaUploads(BlobStore blobs, MediaProperties properties) {
		return new MediaUploads(blobs, properties);
	}

}
