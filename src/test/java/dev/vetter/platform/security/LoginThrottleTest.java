package dev.vetter.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.vetter.support.MutableClock;

/** Failed logins are limited per name and address, per address and per name. */
class LoginThrottleTest {

	private final MutableClock clock = new MutableClock();

	private final LoginThrottle throttle = new LoginThrottle(
			new LoginThrottleProperties(3, 5, 8, Duration.ofMinutes(10), 1000), clock);

	@Test
	void blocksANameFromOneAddressAfterItsFailuresButNotFromAnother() {
		for (int i = 0; i < 3; i++) {
			assertThat(throttle.blocked("alice", "10.1.1.1")).isEmpty();
			throttle.failed("alice", "10.1.1.1");
		}
		assertThat(throttle.blocked("alice", "10.1.1.1"))
			.hasValueSatisfying(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10)));
		assertThat(throttle.blocked("alice", "10.2.2.2")).isEmpty();
		assertThat(throttle.blocked("bob", "10.1.1.1")).isEmpty();
	}

	@Test
	void blocksAnAddressThatTriesManyNames() {
		for (int i = 0; i < 5; i++) {
			throttle.failed("name" + i, "10.3.3.3");
		}
		assertThat(throttle.blocked("someone-else", "10.3.3.3")).isPresent();
		assertThat(throttle.blocked("someone-else", "10.4.4.4")).isEmpty();
	}

	@Test
	void blocksANameGuessedFromManyAddresses() {
		for (int i = 0; i < 8; i++) {
			throttle.failed("carol", "10.5.5." + i);
		}
		assertThat(throttle.blocked("carol", "10.6.6.6")).isPresent();
		assertThat(throttle.blocked("dave", "10.6.6.6")).isEmpty();
	}

	@Test
	void recoversAsTimePasses() {
		for (int i = 0; i < 3; i++) {
			throttle.failed("erin", "10.7.7.7");
		}
		Duration wait = throttle.blocked("erin", "10.7.7.7").orElseThrow();
		clock.advance(wait.minusSeconds(1));
		assertThat(throttle.blocked("erin", "10.7.7.7")).isPresent();
		clock.advance(Duration.ofSeconds(2));
		assertThat(throttle.blocked("erin", "10.7.7.7")).isEmpty();
		// one more try has refilled, not all of them
		throttle.failed("erin", "10.7.7.7");
		assertThat(throttle.blocked("erin", "10.7.7.7")).isPresent();
		clock.advance(Duration.ofMinutes(10));
		assertThat(throttle.blocked("erin", "10.7.7.7")).isEmpty();
	}

	@Test
	void aSuccessForgetsTheFailuresOfThatNameAndAddress() {
		throttle.failed("frank", "10.8.8.8");
		throttle.failed("frank", "10.8.8.8");
		throttle.succeeded("frank", "10.8.8.8");
		throttle.failed("frank", "10.8.8.8");
		throttle.failed("frank", "10.8.8.8");
		assertThat(throttle.blocked("frank", "10.8.8.8")).isEmpty();
	}

}
