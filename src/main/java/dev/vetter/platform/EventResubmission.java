package dev.vetter.platform;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Resubmits event publications whose listener failed (a database hiccup, a bug fixed by a
 * deploy) on a schedule, so a failed reaction is retried while the node runs, not only at
 * the next restart. Publications younger than {@code vetter.events.resubmit-min-age} are
 * left alone: they may still be running. Listeners must be idempotent (they are: each
 * checks the state it changes).
 */
@Component
public class EventResubmission {

	private static final Logger log = LoggerFactory.getLogger(EventResubmission.class);

	private final IncompleteEventPublications incomplete;

	private final Duration minAge;

	EventResubmission(IncompleteEventPublications incomplete,
			@Value("${vetter.events.resubmit-min-age:1m}") Duration minAge) {
		this.incomplete = incomplete;
		this.minAge = minAge;
	}

	/** Resubmits every incomplete publication older than the minimum age. */
	@Scheduled(fixedDelayString = "${vetter.events.resubmit-interval:1m}",
			initialDelayString = "${vetter.events.resubmit-interval:1m}")
	public void resubmitIncomplete() {
		try {
			incomplete.resubmitIncompletePublicationsOlderThan(minAge);
		}
		catch (RuntimeException e) {
			log.warn("Resubmitting incomplete event publications failed; next try in one interval", e);
		}
	}

}
