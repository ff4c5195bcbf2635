package dev.vetter.detection.image;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The NSFW classifier and the OCR engine pool as beans. Both are lazy: loading the model
 * (about a second) and starting Tesseract happen at the first image scan, not at start-up
 * of every test context.
 */
@Configuration(proxyBeanMethods = false)
class ImageModelsConfiguration {

	@Bean
	@Lazy
	NsfwClassifier nsfwClassifier(NsfwProperties properties) {
		return NsfwClassifier.load(properties);
	}

	@Bean(destroyMethod = "close")
	@Lazy
	TextRecognizer textRecognizer(OcrProperties properties) {
		return new TextRecognizer(properties);
	}

}
