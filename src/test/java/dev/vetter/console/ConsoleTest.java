package dev.vetter.console;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

import dev.vetter.support.IntegrationTest;

/**
 * A full Vetter for the console's browser tests: callbacks may go to a loopback receiver
 * (driven by the test), a worker (background fetches and jobs), and a long undo window.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@TestPropertySource(properties = { "vetter.security.allow-private-targets=true",
		// human-only media tasks reach reviewers once a worker fetched their media
		"vetter.roles=api,worker,console", "vetter.callbacks.worker.enabled=false",
		"vetter.callbacks.http.connect-timeout=500ms", "vetter.callbacks.http.read-timeout=500ms",
		"vetter.callbacks.http.attempt-timeout=1s",
		// wide enough that a loaded machine never lets a tested undo slip; tests flush by
		// leaving the page
		"vetter.console.undo-window=60s" })
@interface ConsoleTest {

}
