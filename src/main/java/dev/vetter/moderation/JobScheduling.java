package dev.vetter.moderation;

import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import dev.vetter.platform.NodeRoles;

/**
 * db-scheduler for {@link AsyncJobs}: every node gets a client that schedules inside the
 * caller's transaction (the job row and its execution commit together); nodes with the
 * {@code worker} role also run a scheduler (polling, heartbeats, dead-execution revival,
 * one run of a job at a time) sized by {@link JobProperties}. The same scheduler fetches
 * the media of human-only tasks ({@link ManualMedia}). The library's Spring Boot starter
 * targets Boot 3, so the core library is wired here.
 */
@Configuration(proxyBeanMethods = false)
class JobScheduling {

	private static final Logger log = LoggerFactory.getLogger(JobScheduling.class);

	/** The task descriptor; executions are bound when the task bean is made. */
	static final com.github.kagkarlsson.scheduler.task.TaskDescriptor<Void> TASK = com.github.kagkarlsson.scheduler.task.TaskDescriptor
		.of(AsyncJobs.TASK_NAME);

	/**
	 * The fetch of a human-only media task's media ({@link ManualMedia}); the instance id
	 * is the task id.
	 */
	static final com.github.kagkarlsson.scheduler.task.TaskDescriptor<Void> MANUAL_MEDIA = com.github.kagkarlsson.scheduler.task.TaskDescriptor
		.of(ManualMedia.TASK_NAME);

	/** The scheduling side: schedules in the caller's transaction. */
	record JobClient(SchedulerClient client) {
	}

	@Bean
	OneTimeTask<Void> moderationJobTask(ObjectProvider<AsyncJobs> jobs, JobProperties properties) {
		return Tasks.oneTime(TASK)
			.onFailure(new FailureHandler.OnFailureRetryLater<>(properties.retryDelay()))
			.onDeadExecutionRevive()
			.execute((instance, context) -> jobs.getObject().run(instance.getId()));
	}

	/**
	 * A failed fetch (a retryable one, or an error of ours) is tried again after
	 * {@code vetter.jobs.retry-delay}; {@link ManualMedia} gives up after
	 * {@code vetter.jobs.max-attempts}.
	 */
	@Bean
	OneTimeTask<Void> manualMediaTask(ObjectProvider<ManualMedia> media, JobProperties properties) {
		return Tasks.oneTime(MANUAL_MEDIA)
			.onFailure(new FailureHandler.OnFailureRetryLater<>(properties.retryDelay()))
			.onDeadExecutionRevive()
			.execute((instance, context) -> media.getObject()
				.run(instance.getId(), context.getExecution().consecutiveFailures));
	}

	@Bean
	JobClient moderationJobClient(DataSource dataSource,
			@Qualifier("moderationJobTask") OneTimeTask<Void> moderationJobTask,
			@Qualifier("manualMediaTask") OneTimeTask<Void> manualMediaTask) {
		return new JobClient(SchedulerClient.Builder
			.create(new TransactionAwareDataSourceProxy(dataSource), moderationJobTask, manualMediaTask)
			.build());
	}

	@Bean
	JobWorker moderationJobWorker(DataSource dataSource,
			@Qualifier("moderationJobTask") OneTimeTask<Void> moderationJobTask,
			@Qualifier("manualMediaTask") OneTimeTask<Void> manualMediaTask, JobProperties properties, NodeRoles roles,
			ObjectProvider<AsyncJobs> jobs) {
		return new JobWorker(dataSource, List.of(moderationJobTask, manualMediaTask), properties,
				roles.has(NodeRoles.WORKER), jobs);
	}

	/** Starts the scheduler on worker nodes once the context is up; stops it first. */
	static final class JobWorker implements SmartLifecycle {

		private final DataSource dataSource;

		private final List<com.github.kagkarlsson.scheduler.task.Task<?>> tasks;

		private final JobProperties properties;

		private final boolean enabled;

		private final ObjectProvider<AsyncJobs> jobs;

		private volatile Scheduler scheduler;

		JobWorker(DataSource dataSource, List<com.github.kagkarlsson.scheduler.task.Task<?>> tasks,
				JobProperties properties, boolean enabled, ObjectProvider<AsyncJobs> jobs) {
			this.dataSource = dataSource;
			this.tasks = tasks;
			this.properties = properties;
			this.enabled = enabled;
			this.jobs = jobs;
		}

		@Override
		public void start() {
			if (!enabled) {
				log.info("vetter.roles has no 'worker': asynchronous jobs are queued here and run elsewhere");
				return;
			}
			// a stopped context (a paused test context, a restarted lifecycle) starts
			// again
			jobs.getObject().starting();
			scheduler = Scheduler.create(dataSource, tasks)
				.threads(properties.threads())
				.pollingInterval(properties.pollInterval())
				.heartbeatInterval(properties.heartbeatInterval())
				.missedHeartbeatsLimit(properties.missedHeartbeats())
				.shutdownMaxWait(properties.shutdownWait())
				.build();
			scheduler.start();
		}

		@Override
		public void stop() {
			Scheduler s = scheduler;
			if (s != null) {
				jobs.getObject().stopping();
				s.stop();
				scheduler = null;
			}
		}

		@Override
		public boolean isRunning() {
			return scheduler != null;
		}

		/** Starts late and stops early: after web and before the data source goes. */
		@Override
		public int getPhase() {
			return Integer.MAX_VALUE - 2048;
		}

	}

}
