package dev.vetter.moderation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.SchedulerClient;

import dev.vetter.callbacks.CallbackEvent;
import dev.vetter.callbacks.CallbackTarget;
import dev.vetter.callbacks.Callbacks;
import dev.vetter.moderation.internal.Jobs;
import dev.vetter.moderation.internal.TaskIds;
import dev.vetter.moderation.internal.Tasks;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.ProblemCode;
import dev.vetter.policy.EscalationRules;
import dev.vetter.policy.PolicyCatalog;
import dev.vetter.review.ReviewWorkflow;

import tools.jackson.databind.json.JsonMapper;

/**
 * Asynchronous moderation jobs for every kind that has a {@link JobHandler}: submit
 * (stored and scheduled in one transaction), run (on {@code worker} nodes, by
 * db-scheduler), results, and cancel with its guarantee — a cancelled task's review item
 * is withdrawn in the cancel's own transaction and no human verdict is ever recorded or
 * delivered for it afterwards.
 *
 * <p>
 * Per-task answers are {@link JobAnswer}s (a per-task status code and, once the machine
 * result is there, the {@link JobResult}); each wire API maps them to its documents.
 */
@Service
public class AsyncJobs {

	/** The db-scheduler task that runs jobs; the task instance id is the task id. */
	public static final String TASK_NAME = "moderation-job";

	private static final Logger log = LoggerFactory.getLogger(AsyncJobs.class);

	private static final long CANCEL_CHECK_NANOS = 250_000_000L;

	private static final long PROGRESS_WRITE_NANOS = 500_000_000L;

	private final Map<ContentKind, JobHandler> handlers = new EnumMap<>(ContentKind.class);

	private final Jobs jobs;

	private final Tasks tasks;

	private final HumanReview humanReview;

	private final ReviewWorkflow workflow;

	private final Callbacks callbacks;

	private final PolicyCatalog policies;

	private final JsonMapper json;

	private final Clock clock;

	private final JobProperties properties;

	private final SchedulerClient scheduler;

	private final TransactionTemplate tx;

	private final JobDocuments documents;

	private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();

	private volatile boolean stopping;

	AsyncJobs(List<JobHandler> handlers, Jobs jobs, Tasks tasks, HumanReview humanReview, ReviewWorkflow workflow,
			Callbacks callbacks, PolicyCatalog policies, JsonMapper json, Clock clock, JobProperties properties,
			JobScheduling.JobClient scheduler, TransactionTemplate tx, JobDocuments documents) {
		this.documents = documents;
		for (JobHandler handler : handlers) {
			JobHandler previous = this.handlers.put(handler.kind(), handler);
			if (previous != null) {
				throw new IllegalStateException("two job handlers for kind " + handler.kind() + ": "
						+ previous.getClass().getName() + " and " + handler.getClass().getName());
			}
		}
		this.jobs = jobs;
		this.tasks = tasks;
		this.humanReview = humanReview;
		this.workflow = workflow;
		this.callbacks = callbacks;
		this.policies = policies;
		this.json = json;
		this.clock = clock;
		this.properties = properties;
		this.scheduler = scheduler.client();
		this.tx = tx;
	}

	/** Whether asynchronous jobs of this kind are available. */
	public boolean supports(ContentKind kind) {
		return handlers.containsKey(kind);
	}

	/**
	 * Stores and schedules each valid task (one transaction); a task with bad parameters
	 * gets its own code (400) and the others go on.
	 * @param callback the request's callback (null URL: the tenant's notification
	 * settings)
	 * @param format the wire format of the callbacks ({@link CallbackFormat} name; null:
	 * Green API 1.0)
	 */
	public List<ModerationResult> submit(long tenantId, List<JobRequest> requests, HumanReview.CallbackSpec callback,
			String format) {
		Optional<CallbackTarget> target = callback == null ? Optional.empty()
				: callbacks.callbackTarget(callback.url(), callback.seed(), callback.cryptType());
		Tasks.RequestCallback requestCallback = target
			.map(t -> new Tasks.RequestCallback(t.url().toString(), t.seed(), t.cryptType().name()))
			.orElse(Tasks.RequestCallback.NONE);
		return tx.execute(status -> {
			List<ModerationResult> out = new ArrayList<>(requests.size());
			Instant now = clock.instant();
			for (JobRequest request : requests) {
				JobHandler handler = handlers.get(request.kind());
				if (handler == null) {
					out.add(ModerationResult.refused(ProblemCode.VALIDATION_FAILED,
							"asynchronous " + request.kind() + " moderation is not available", request.dataId()));
					continue;
				}
				if (!DataIds.isValid(request.dataId())) {
					out.add(ModerationResult.refused(ProblemCode.VALIDATION_FAILED, DataIds.RULE, request.dataId()));
					continue;
				}
				try {
					handler.validate(request);
				}
				catch (InvalidInput e) {
					out.add(ModerationResult.refused(ProblemCode.VALIDATION_FAILED, e.getMessage(), request.dataId()));
					continue;
				}
				String taskId = TaskIds.next(request.kind());
				jobs.insert(new AsyncJob(taskId, tenantId, request.kind(), request.bizType(), request.dataId(),
						request.url(), request.blobKey(), request.params(), JobState.QUEUED, 0, JobProgress.NONE, null,
						null, null, now, null, null), requestCallback, format);
				scheduler.schedule(JobScheduling.TASK.instance(taskId).build(), now);
				out.add(ModerationResult.accepted(request.dataId(), taskId, request.url()));
			}
			return out;
		});
	}

	/** The scenes jobs of this kind take (empty when the kind has no jobs here). */
	public java.util.Set<String> scenes(ContentKind kind) {
		JobHandler handler = handlers.get(kind);
		return handler == null ? java.util.Set.of() : handler.scenes();
	}

	/**
	 * A blob of the tenant's job: {@code media} (the file scanned) or {@code frame-N} (a
	 * flagged video frame).
	 */
	public Optional<dev.vetter.platform.blob.BlobKey> blob(long tenantId, String taskId, String name) {
		return jobs.blob(tenantId, taskId, name).map(dev.vetter.platform.blob.BlobKey::new);
	}

	/** The tenant's job, if it exists (any state). */
	public Optional<AsyncJob> job(long tenantId, String taskId) {
		return jobs.byId(tenantId, taskId);
	}

	/**
	 * Per task: 280 while queued or running, the result document (200) once the machine
	 * result is there (with {@code auditResult} once people decided), the failure's code
	 * for a failed task, 410 for a cancelled one, 594 past retention, 404 for an unknown
	 * task or one of another kind.
	 */
	public List<JobAnswer> results(long tenantId, ContentKind kind, List<String> taskIds) {
		List<JobAnswer> out = new ArrayList<>(taskIds.size());
		for (String taskId : taskIds) {
			out.add(result(tenantId, kind, taskId));
		}
		return out;
	}

	/** One task's answer; see {@link #results}. */
	public JobAnswer result(long tenantId, ContentKind kind, String taskId) {
		Optional<AsyncJob> found = jobs.byId(tenantId, taskId).filter(j -> kind == null || j.kind() == kind);
		if (found.isEmpty()) {
			return answer(404, "NOT_FOUND: no such task", null, taskId);
		}
		AsyncJob job = found.get();
		if (job.finishedAt() != null
				&& job.finishedAt().isBefore(clock.instant().minus(properties.resultRetention()))) {
			return answer(594, "EXPIRED: the task's result is past its retention", job.dataId(), taskId);
		}
		return switch (job.state()) {
			case QUEUED, PROCESSING -> answer(280, "PROCESSING", job.dataId(), taskId);
			case CANCELLED -> answer(410, "CANCELLED: the task was cancelled", job.dataId(), taskId);
			case FAILED -> answer(job.failureCode(), job.failureMessage(), job.dataId(), taskId);
			case REVIEWING, DONE -> document(job);
		};
	}

	private JobAnswer document(AsyncJob job) {
		Optional<String> stored = jobs.result(job.taskId());
		if (stored.isEmpty()) {
			// purged (JobPurge) under a longer retention than the one configured now
			return answer(594, "EXPIRED: the task's result is past its retention", job.dataId(), job.taskId());
		}
		JobResult result = StoredJobResults.read(json, stored.get(), job.kind());
		Optional<ModerationResult.HumanVerdict> verdict = tasks.byId(job.tenantId(), job.taskId())
			.filter(t -> t.auditResult() != null && "DONE".equals(t.status()))
			.map(t -> json.readValue(t.auditResult(), ModerationResult.HumanVerdict.class));
		return JobAnswer.done(verdict.map(result::withHumanVerdict).orElse(result));
	}

	/**
	 * An answer in the document shape of the default callback format (Green API 1.0's
	 * {@code data[i]} of {@code /green/{kind}/results}), which the native job resource
	 * carries as {@code result}.
	 */
	public Map<String, Object> defaultDocument(JobAnswer answer) {
		return documents.document(answer);
	}

	/**
	 * Cancels each task that is queued, running or in review, in one transaction: the job
	 * becomes {@link JobState#CANCELLED}, its review item is withdrawn and its review
	 * task closed, so no verdict is recorded or delivered afterwards. Per task: 200 (also
	 * for a task cancelled before), 409 for a finished task, 404 for an unknown one.
	 */
	public List<JobAnswer> cancel(long tenantId, ContentKind kind, List<String> taskIds) {
		List<JobAnswer> out = tx.execute(status -> {
			List<JobAnswer> answers = new ArrayList<>(taskIds.size());
			for (String taskId : taskIds) {
				answers.add(cancelOne(tenantId, kind, taskId));
			}
			return answers;
		});
		for (String taskId : taskIds) {
			AtomicBoolean token = running.get(taskId);
			if (token != null && jobs.isCancelled(taskId)) {
				token.set(true);
			}
		}
		return out;
	}

	private JobAnswer cancelOne(long tenantId, ContentKind kind, String taskId) {
		Optional<AsyncJob> found = jobs.byId(tenantId, taskId)
			.filter(j -> kind == null || j.kind() == kind)
			.flatMap(j -> jobs.lock(taskId));
		if (found.isEmpty()) {
			return answer(404, "NOT_FOUND: no such task", null, taskId);
		}
		AsyncJob job = found.get();
		if (job.state() == JobState.CANCELLED) {
			return answer(200, "OK", job.dataId(), taskId);
		}
		if (job.state() == JobState.DONE || job.state() == JobState.FAILED) {
			return answer(409, "FINISHED: the task has finished and cannot be cancelled", job.dataId(), taskId);
		}
		Instant now = clock.instant();
		jobs.cancel(taskId, now);
		tasks.cancel(taskId, now);
		workflow.withdraw(taskId);
		log.info("job {} cancelled in state {}", taskId, job.state());
		return answer(200, "OK", job.dataId(), taskId);
	}

	private static JobAnswer answer(int code, String msg, String dataId, String taskId) {
		return JobAnswer.of(code, msg, dataId, taskId);
	}

	/**
	 * Runs one job (the db-scheduler execution). Returns normally when the job ended
	 * (result, failure, cancel); throws to have db-scheduler run it again later.
	 */
	void run(String taskId) {
		AsyncJob job = jobs.byId(taskId).orElse(null);
		if (job == null || job.state().isFinal() || job.state() == JobState.REVIEWING) {
			return;
		}
		if (job.attempts() >= properties.maxAttempts()) {
			fail(job, 500, "the job failed " + job.attempts() + " times");
			return;
		}
		if (!jobs.start(taskId, clock.instant())) {
			return;
		}
		JobHandler handler = handlers.get(job.kind());
		if (handler == null) {
			fail(job, 500, "no handler for " + job.kind() + " jobs on this node");
			return;
		}
		AtomicBoolean token = new AtomicBoolean();
		running.put(taskId, token);
		try {
			JobContext context = new JobContext(jobs.byId(taskId).orElseThrow(), cancellation(taskId, token), clock,
					clock.instant().plus(properties.timeLimit()), progressWriter(taskId));
			JobOutcome outcome = handler.run(context);
			if (token.get() || jobs.isCancelled(taskId)) {
				return;
			}
			complete(context.job(), outcome);
		}
		catch (JobCancelled e) {
			if (!jobs.isCancelled(taskId)) {
				// the node is stopping: another run picks the job up
				throw new IllegalStateException("job " + taskId + " interrupted by shutdown; it runs again", e);
			}
		}
		catch (JobFailed e) {
			fail(job, e.code(), e.getMessage());
		}
		catch (Exception e) {
			if (job.attempts() + 1 >= properties.maxAttempts()) {
				log.warn("job {} failed on its last attempt", taskId, e);
				fail(job, 500, "the job could not be completed");
				return;
			}
			log.warn("job {} failed; it runs again", taskId, e);
			throw new IllegalStateException("job " + taskId + " failed", e);
		}
		finally {
			running.remove(taskId);
		}
	}

	private BooleanSupplier cancellation(String taskId, AtomicBoolean token) {
		long[] lastCheck = { System.nanoTime() };
		return () -> {
			if (token.get() || stopping) {
				return true;
			}
			long now = System.nanoTime();
			if (now - lastCheck[0] >= CANCEL_CHECK_NANOS) {
				lastCheck[0] = now;
				if (jobs.isCancelled(taskId)) {
					token.set(true);
				}
			}
			return token.get();
		};
	}

	private java.util.function.Consumer<JobProgress> progressWriter(String taskId) {
		long[] lastWrite = { 0 };
		return p -> {
			long now = System.nanoTime();
			boolean last = (p.framesTotal() > 0 && p.framesDone() >= p.framesTotal())
					|| (p.audioSecondsTotal() > 0 && p.audioSecondsDone() >= p.audioSecondsTotal());
			if (last || lastWrite[0] == 0 || now - lastWrite[0] >= PROGRESS_WRITE_NANOS) {
				lastWrite[0] = now;
				jobs.progress(taskId, p);
			}
		};
	}

	private void complete(AsyncJob job, JobOutcome outcome) {
		tx.executeWithoutResult(status -> {
			Optional<AsyncJob> locked = jobs.lock(job.taskId());
			if (locked.isEmpty() || locked.get().state() != JobState.PROCESSING) {
				return;
			}
			String stored = StoredJobResults.write(json, outcome.result());
			EscalationRules rules = policies.textPolicy(job.tenantId(), job.bizType()).policy().escalation();
			Tasks.RequestCallback callback = jobs.callback(job.taskId());
			String format = jobs.resultFormat(job.taskId()).orElse(null);
			boolean escalated = humanReview.escalateJob(job, outcome, stored, rules, callback, format);
			String suggestion = outcome.summary().suggestion().wire();
			jobs.finish(job.taskId(), stored, suggestion, escalated ? JobState.REVIEWING : JobState.DONE,
					clock.instant());
			CallbackEvent event = CallbackEvent.machineScan(job.taskId(), suggestion,
					humanReview.render(format, locked.get(), outcome.result()));
			if (callback.url() != null) {
				callbacks.enqueueToStoredCallback(job.tenantId(), event, callback.url(), callback.seed(),
						callback.cryptType());
			}
			else {
				callbacks.enqueue(job.tenantId(), event);
			}
		});
	}

	private void fail(AsyncJob job, int code, String message) {
		tx.executeWithoutResult(status -> jobs.fail(job.taskId(), code, message, clock.instant()));
	}

	/**
	 * This node stops: running jobs see {@link JobContext#isCancelled()} and run again
	 * elsewhere.
	 */
	void stopping() {
		stopping = true;
	}

	/** This node (re)starts running jobs: a stopped context can be started again. */
	void starting() {
		stopping = false;
	}

}
