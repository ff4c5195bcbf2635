package dev.vetter.callbacks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

import dev.vetter.support.IntegrationTest;

/**
 * A full Vetter whose callbacks may go to loopback receivers, with the worker driven by
 * the test and short HTTP timeouts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@TestPropertySource(properties = { "vetter.security.allow-private-targets=true",
		"vetter.callbacks.worker.enabled=false", "vetter.callbacks.http.connect-timeout=500ms",
		"vetter.callbacks.http.read-timeout=500ms", "vetter.callbacks.http.attempt-timeout=1s" })
@interface CallbacksIntegrationTest {

}
