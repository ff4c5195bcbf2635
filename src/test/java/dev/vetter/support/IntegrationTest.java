package dev.vetter.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full Vetter on a random port against the per-JVM embedded PostgreSQL, with fixed
 * bootstrap credentials ({@link Api#ACCESS_KEY_ID} etc.) and a {@link MutableClock}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"vetter.bootstrap.tenant-uid=" + Api.TENANT_UID, "vetter.bootstrap.access-key-id=" + Api.ACCESS_KEY_ID,
		"vetter.bootstrap.access-key-secret=" + Api.ACCESS_KEY_SECRET,
		"vetter.bootstrap.operator-username=" + Api.OPERATOR,
		"vetter.bootstrap.operator-password=" + Api.OPERATOR_PASSWORD,
		"vetter.security.master-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "vetter.policy.refresh-interval=0s",
		// the per-JVM database stops in a shutdown hook, maybe before cached contexts
		// close: fail fast then
		"spring.datasource.hikari.connection-timeout=1500",
		// background work is driven by the tests themselves
		// (DeliveryWorker.deliverDue()); a worker left running
		// in a cached context would otherwise take rows of tests running in other
		// contexts
		"vetter.callbacks.worker.enabled=false",
		// likewise asynchronous jobs: tests that run them add the worker role
		// (@TestPropertySource(properties = "vetter.roles=api,worker,console"))
		"vetter.roles=api,console", "vetter.jobs.poll-interval=100ms", "vetter.jobs.heartbeat-interval=1s" })
@Import(TestBeans.class)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
public @interface IntegrationTest {

}
