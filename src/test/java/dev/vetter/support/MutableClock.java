package dev.vetter.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that follows real time plus an offset the test sets, or stands still when
 * frozen.
 */
public final class MutableClock extends Clock {

	private volatile Duration offset = Duration.ZERO;

	private volatile Instant frozen;

	public void shift(Duration by) {
		offset = offset.plus(by);
	}

	public void reset() {
		offset = Duration.ZERO;
		frozen = null;
	}

	public void freezeAt(Instant instant) {
		frozen = instant;
	}

	public void advance(Duration by) {
		if (frozen != null) {
			frozen = frozen.plus(by);
		}
		else {
			shift(by);
		}
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		Instant f = frozen;
		return f != null ? f : Instant.now().plus(offset);
	}

}
