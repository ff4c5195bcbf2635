package dev.vetter.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * Counts failed logins per name and address, per address, and per name, each in a token
 * bucket (Bucket4j) kept in a bounded cache (Caffeine). Ask
 * {@link #blocked(String, String)} before checking credentials and report the outcome
 * with {@link #failed(String, String)}. A name blocked from one address still logs in
 * from another until the per-name limit (much larger) is spent; every limit refills with
 * time. Used by the native API's Basic authentication and, later, by the console's form
 * login. Time comes from the injected {@link Clock}, so tests control it.
 */
public class LoginThrottle {

	private final LoginThrottleProperties limits;

	private final TimeMeter time;

	private final Cache<String, Bucket> buckets;

	public LoginThrottle(LoginThrottleProperties limits, Clock clock) {
		this.limits = limits;
		this.time = new TimeMeter() {
			@Override
			public long currentTimeNanos() {
				return TimeUnit.MILLISECONDS.toNanos(clock.millis());
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}
		};
		// an idle bucket has refilled completely after one period: it can be forgotten.
		// Expiry runs on the monotonic system ticker (a clock set back by hand must not
		// confuse the cache); the buckets themselves run on the injected clock.
		this.buckets = Caffeine.newBuilder()
			.maximumSize(limits.maxTracked())
			.expireAfterAccess(limits.period())
			.build();
	}

	/**
	 * How long this login must wait, or empty when it may be checked now.
	 * @param principal the name sent (access key id or username), may be null
	 * @param address the client's address
	 */
	public Optional<Duration> blocked(String principal, String address) {
		Duration wait = Duration.ZERO;
		for (Key key : keys(principal, address)) {
			Bucket bucket = buckets.getIfPresent(key.id());
			if (bucket != null) {
				long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
				if (nanos > wait.toNanos()) {
					wait = Duration.ofNanos(nanos);
				}
			}
		}
		return wait.isZero() ? Optional.empty() : Optional.of(wait);
	}

	/** Records a failed login. */
	public void failed(String principal, String address) {
		for (Key key : keys(principal, address)) {
			buckets.get(key.id(), id -> bucket(key.capacity())).tryConsume(1);
		}
	}

	/**
	 * Records a successful login: the failures of this name from this address are
	 * forgotten.
	 */
	public void succeeded(String principal, String address) {
		buckets.invalidate(pair(principal, address));
	}

	private record Key(String id, int capacity) {
	}

	private Key[] keys(String principal, String address) {
		String name = principal == null ? "" : principal;
		String from = address == null ? "?" : address;
		return new Key[] { new Key(pair(name, from), limits.perPrincipalAndAddress()),
				new Key("a\0" + from, limits.perAddress()), new Key("p\0" + name, limits.perPrincipal()) };
	}

	private static String pair(String principal, String address) {
		return "pa\0" + (principal == null ? "" : principal) + "\0" + (address == null ? "?" : address);
	}

	private Bucket bucket(int capacity) {
		return Bucket.builder()
			.addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, limits.period()))
			.withCustomTimePrecision(time)
			.build();
	}

	/** The limits in force. */
	public LoginThrottleProperties limits() {
		return limits;
	}

}
