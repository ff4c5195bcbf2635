package dev.vetter.moderation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Asynchronous jobs ({@code vetter.jobs}). They run on nodes whose {@code vetter.roles}
 * include {@code worker}.
 *
 * @param threads jobs run at once on this node (media work is CPU-bound: about one per
 * two cores leaves room for synchronous scans)
 * @param pollInterval how often an idle worker looks for due jobs
 * @param heartbeatInterval how often a running job's row is touched; a job whose
 * heartbeats stop for {@code missedHeartbeats} intervals is run again elsewhere
 * @param missedHeartbeats see {@code heartbeatInterval}
 * @param timeLimit one run of one job; past it the task fails with code 581
 * ({@link JobFailed#TIMEOUT})
 * @param maxAttempts runs of one job (crashes, restarts, errors) before it fails with
 * code 500
 * @param retryDelay wait before a failed run is tried again
 * @param resultRetention how long a finished job's result is answered (then 594); at
 * least one hour
 * @param shutdownWait how long a stopping node waits for its running jobs to notice
 * ({@link JobCancelled}) before it gives up on them (they run again elsewhere)
 */
@ConfigurationProperties("vetter.jobs")
public record JobProperties(@DefaultValue("2") int threads, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("10s") Duration heartbeatInterval, @DefaultValue("6") int missedHeartbeats,
		@DefaultValue("30m") Duration timeLimit, @DefaultValue("3") int maxAttempts,
		@DefaultValue("10s") Duration retryDelay, @DefaultValue("24h") Duration resultRetention,
		@DefaultValue("10s") Duration shutdownWait) {

	public JobProperties {
		if (threads < 1) {
			throw new IllegalArgumentException("vetter.jobs.threads must be at least 1");
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("vetter.jobs.max-attempts must be at least 1");
		}
		if (resultRetention.compareTo(Duration.ofHours(1)) < 0) {
			throw new IllegalArgumentException("vetter.jobs.result-retention must be at least 1h");
		}
	}

}
