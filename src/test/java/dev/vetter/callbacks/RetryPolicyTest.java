package dev.vetter.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final Random random = new Random(42);

	@Test
	void backoffDoublesUpToTheCap() {
		RetryPolicy p = RetryPolicy.perRequest();
		assertThat(p.backoff(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(p.backoff(2)).isEqualTo(Duration.ofSeconds(2));
		assertThat(p.backoff(5)).isEqualTo(Duration.ofSeconds(16));
		assertThat(p.backoff(15)).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void jitterOnlyShortensTheDelayByItsFraction() {
		RetryPolicy p = RetryPolicy.perRequest();
		for (int i = 0; i < 1000; i++) {
			Duration d = Duration.between(T0, p.next(4, T0, T0, null, random).orElseThrow());
			assertThat(d).isBetween(Duration.ofMillis(6400), Duration.ofSeconds(8));
		}
	}

	@Test
	void perRequestCallbacksStopAfterSixteenAttempts() {
		RetryPolicy p = RetryPolicy.perRequest();
		assertThat(p.next(15, T0, T0, null, random)).isPresent();
		assertThat(p.next(16, T0, T0, null, random)).isEmpty();
	}

	@Test
	void tenantNotificationsKeepTryingForADay() {
		RetryPolicy p = RetryPolicy.tenantDefault();
		assertThat(p.next(100, T0, T0.plus(Duration.ofHours(23)), null, random)).isPresent();
		assertThat(p.next(100, T0, T0.plus(Duration.ofHours(24)), null, random)).isEmpty();
	}

	@Test
	void retryAfterRaisesTheDelayButNotPastTheCap() {
		RetryPolicy p = RetryPolicy.perRequest();
		assertThat(p.next(1, T0, T0, Duration.ofSeconds(120), random)).isEqualTo(Optional.of(T0.plusSeconds(120)));
		assertThat(p.next(1, T0, T0, Duration.ofDays(2), random))
			.isEqualTo(Optional.of(T0.plus(Duration.ofMinutes(30))));
	}

}
