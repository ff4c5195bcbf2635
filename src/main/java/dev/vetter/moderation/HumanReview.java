package dev.vetter.moderation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.github.kagkarlsson.scheduler.SchedulerClient;

import dev.vetter.callbacks.CallbackEvent;
import dev.vetter.callbacks.CallbackTarget;
import dev.vetter.callbacks.Callbacks;
import dev.vetter.moderation.internal.Jobs;
import dev.vetter.moderation.internal.TaskIds;
import dev.vetter.moderation.internal.Tasks;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.NotFound;
import dev.vetter.platform.ProblemCode;
import dev.vetter.policy.EscalationRules;
import dev.vetter.policy.Suggestion;
import dev.vetter.review.ReviewDecided;
import dev.vetter.review.ReviewSubmission;
import dev.vetter.review.ReviewWorkflow;
import dev.vetter.tenancy.ManualReviewAgreement;
import dev.vetter.tenancy.TenantDirectory;

import tools.jackson.databind.json.JsonMapper;

/**
 * The two review modes, seen from moderation. Human-machine: an escalated machine result
 * becomes a durable task and a review item before the scan answers. Human-only: every
 * task is queued for people and only their verdict is returned. When a verdict is final
 * ({@link ReviewDecided}) it becomes the task's final result.
 */
@Service
public class HumanReview {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HumanReview.class);

	/** One task of a human-only request. */
	public record ManualTask(String dataId, String content, String url) {
	}

	/**
	 * Per-request callback settings (override the tenant's notification settings for the
	 * task).
	 */
	public record CallbackSpec(String url, String seed, String cryptType) {
	}

	private final Tasks tasks;

	private final Callbacks callbacks;

	private final ReviewWorkflow workflow;

	private final TenantDirectory directory;

	private final JsonMapper json;

	private final Clock clock;

	private final Duration retention;

	private final ManualSubjects subjects;

	private final Jobs jobs;

	private final CallbackFormats formats;

	private final SchedulerClient scheduler;

	private final JobDocuments documents;

	HumanReview(Tasks tasks, Callbacks callbacks, ReviewWorkflow workflow, TenantDirectory directory, JsonMapper json,
			Clock clock, ModerationProperties properties, ManualSubjects subjects, CallbackFormats formats, Jobs jobs,
			JobScheduling.JobClient scheduler, JobDocuments documents) {
		this.documents = documents;
		this.jobs = jobs;
		this.scheduler = scheduler.client();
		this.formats = formats;
		this.tasks = tasks;
		this.callbacks = callbacks;
		this.workflow = workflow;
		this.directory = directory;
		this.json = json;
		this.clock = clock;
		this.retention = properties.resultRetention();
		this.subjects = subjects;
	}

	/**
	 * Throws {@link ManualReviewDisabled} unless the tenant has the manual review
	 * service.
	 */
	public ManualReviewAgreement requireEnabled(long tenantId) {
		ManualReviewAgreement agreement = directory.agreement(tenantId);
		if (!agreement.enabled()) {
			throw new ManualReviewDisabled();
		}
		return agreement;
	}

	/**
	 * Human-machine: queues the machine result for people when the bizType's rules say so
	 * and the tenant has manual review. The task row and the review item are committed
	 * before this returns.
	 * @return whether the result was escalated
	 */
	@Transactional
	public boolean escalateIfNeeded(long tenantId, String bizType, TextVerdict verdict, ModerationResult machineResult,
			EscalationRules rules) {
		return escalateIfNeeded(tenantId, bizType, verdict, machineResult, rules, null);
	}

	/**
	 * As
	 * {@link #escalateIfNeeded(long, String, TextVerdict, ModerationResult, EscalationRules)},
	 * with the task's callbacks written in {@code format} (a {@link CallbackFormat} name;
	 * null: Green API 1.0).
	 */
	@Transactional
	public boolean escalateIfNeeded(long tenantId, String bizType, TextVerdict verdict, ModerationResult machineResult,
			EscalationRules rules, String format) {
		return escalateScan(Escalation.text(tenantId, bizType, verdict, machineResult.dataId(), format), machineResult,
				rules);
	}

	/**
	 * Human-machine for a synchronous scan whose task is not stored otherwise (text,
	 * image): when the rules send it to people, stores the task (with the blob of the
	 * media it scanned, if any, which it then owns), reports the machine result to the
	 * tenant's {@code machineScan} notifications and queues the review item, in one
	 * transaction.
	 * @return whether the result was escalated
	 */
	@Transactional
	boolean escalateScan(Escalation escalation, ModerationResult machineResult, EscalationRules rules) {
		String machineJson = StoredResults.write(json, machineResult);
		if (!escalate(escalation, machineJson, formats.defaultDocument(machineResult), machineResult, rules)) {
			return false;
		}
		callbacks.enqueue(escalation.tenantId(), CallbackEvent.machineScan(escalation.taskId(),
				escalation.summary().suggestion().wire(), render(escalation.format(), machineResult)));
		return true;
	}

	/**
	 * Human-machine for an asynchronous job: when the bizType's rules send its machine
	 * result to people (and the tenant has manual review), stores the review task (with
	 * the request's callback, for the verdict) and its review item, in the caller's
	 * transaction. Reviewers see {@link JobOutcome#reviewSnapshot()} and the machine
	 * result. The job keeps its own media blob.
	 * @param machineJson the job's result as stored ({@link StoredJobResults})
	 * @return whether the job was escalated
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	boolean escalateJob(AsyncJob job, JobOutcome outcome, String machineJson, EscalationRules rules,
			Tasks.RequestCallback callback, String format) {
		return escalate(Escalation.job(job, outcome, callback, format), machineJson,
				documents.document(JobAnswer.done(outcome.result())), outcome.result(), rules);
	}

	/**
	 * A machine result that may go to people.
	 *
	 * @param content the text scanned (text tasks), else null
	 * @param url the media URL, else null
	 * @param blobKey the media blob the stored task will own, or null
	 * @param summary what the escalation rules read (suggestion, label, rate, findings)
	 * @param snapshot what reviewers see besides the machine result
	 * @param callback the request's own callback for the verdict
	 * @param format the callbacks' wire format (null: Green API 1.0)
	 */
	record Escalation(long tenantId, ContentKind kind, String taskId, String dataId, String bizType, String content,
			String url, String blobKey, TextVerdict summary, Map<String, Object> snapshot,
			Tasks.RequestCallback callback, String format) {

		/** A synchronous text scan: reviewers see the text. */
		static Escalation text(long tenantId, String bizType, TextVerdict verdict, String dataId, String format) {
			Map<String, Object> snapshot = new LinkedHashMap<>();
			snapshot.put("text", verdict.content());
			return new Escalation(tenantId, ContentKind.TEXT, verdict.taskId(), dataId, bizType, verdict.content(),
					null, null, verdict, snapshot, Tasks.RequestCallback.NONE, format);
		}

		/** A synchronous image scan: the stored task owns the fetched image. */
		static Escalation image(long tenantId, String bizType, String dataId, String url, String blobKey,
				TextVerdict summary, Map<String, Object> snapshot, String format) {
			return new Escalation(tenantId, ContentKind.IMAGE, summary.taskId(), dataId, bizType, null, url, blobKey,
					summary, snapshot, Tasks.RequestCallback.NONE, format);
		}

		/**
		 * An asynchronous job: the job keeps its media; the verdict goes to its callback.
		 */
		static Escalation job(AsyncJob job, JobOutcome outcome, Tasks.RequestCallback callback, String format) {
			return new Escalation(job.tenantId(), job.kind(), job.taskId(), job.dataId(), job.bizType(), null,
					job.url(), null, outcome.summary(), outcome.reviewSnapshot(), callback, format);
		}

	}

	/**
	 * The one escalation path of every kind and mode: the rules, the tenant's agreement,
	 * the stored task and the review item (its snapshot, priority and SLA deadline).
	 * @param machineJson the machine result as stored with the task
	 * @param machineView the machine result in the document of the default callback
	 * format ({@code machine} of the snapshot: the shape tenants see, kept for API
	 * clients of the review queue that read it)
	 * @param machineResult the machine result in Vetter's own vocabulary
	 * ({@code machineResult} of the snapshot: a {@link ModerationResult}, or a
	 * {@link JobResult} for a job), what the workbench reads
	 */
	private boolean escalate(Escalation e, String machineJson, Object machineView, Object machineResult,
			EscalationRules rules) {
		if (!EscalationPolicy.escalates(e.summary(), rules)) {
			return false;
		}
		ManualReviewAgreement agreement = directory.agreement(e.tenantId());
		if (!agreement.enabled()) {
			return false;
		}
		Instant now = clock.instant();
		tasks.insert(Tasks.Task.humanMachine(e.taskId(), e.tenantId(), e.kind(), e.dataId(), e.bizType(), e.content(),
				e.url(), machineJson, e.callback(), now));
		if (e.format() != null) {
			tasks.setResultFormat(e.taskId(), e.format());
		}
		if (e.blobKey() != null) {
			tasks.setBlob(e.taskId(), e.blobKey());
		}
		Map<String, Object> snapshot = new LinkedHashMap<>(e.snapshot());
		snapshot.put("machine", machineView);
		snapshot.put("machineResult", machineResult);
		int priority = e.summary().suggestion() == dev.vetter.policy.Suggestion.PASS ? -1 : 0;
		workflow.submit(new ReviewSubmission(e.tenantId(), e.taskId(), e.kind(), json.writeValueAsString(snapshot),
				agreement.criteria(), agreement.labels(), priority, now.plus(agreement.sla(e.kind())),
				agreement.requiredReviews()));
		return true;
	}

	/**
	 * Human-only: queues every valid task. Invalid tasks get their own error code; the
	 * others are queued. A media task (image, video, voice) is queued for people once its
	 * media is fetched, in the background ({@link ManualMedia}): the request never waits
	 * for it.
	 */
	@Transactional
	public List<ModerationResult> submitHumanOnly(long tenantId, ContentKind kind, String bizType,
			List<ManualTask> manualTasks, CallbackSpec callback) {
		return submitHumanOnly(tenantId, kind, bizType, manualTasks, callback, null);
	}

	/**
	 * As {@link #submitHumanOnly(long, ContentKind, String, List, CallbackSpec)}, with
	 * the tasks' callbacks written in {@code format} (null: Green API 1.0).
	 */
	@Transactional
	public List<ModerationResult> submitHumanOnly(long tenantId, ContentKind kind, String bizType,
			List<ManualTask> manualTasks, CallbackSpec callback, String format) {
		ManualReviewAgreement agreement = requireEnabled(tenantId);
		Optional<CallbackTarget> target = callbacks.callbackTarget(callback.url(), callback.seed(),
				callback.cryptType());
		Tasks.RequestCallback requestCallback = target
			.map(t -> new Tasks.RequestCallback(t.url().toString(), t.seed(), t.cryptType().name()))
			.orElse(Tasks.RequestCallback.NONE);
		ManualSubjects.Subject subject = subjects.of(kind);
		Instant now = clock.instant();
		List<ModerationResult> out = new ArrayList<>(manualTasks.size());
		for (ManualTask task : manualTasks) {
			ManualSubjects.Problem problem = DataIds.isValid(task.dataId()) ? subject.check(task)
					: new ManualSubjects.Problem(ProblemCode.VALIDATION_FAILED, DataIds.RULE);
			if (problem != null) {
				out.add(ModerationResult.refused(problem.code(), problem.message(), task.dataId()));
				continue;
			}
			String taskId = TaskIds.next(kind);
			tasks.insert(Tasks.Task.humanOnly(taskId, tenantId, kind, task.dataId(), bizType, task.content(),
					task.url(), requestCallback, now));
			if (format != null) {
				tasks.setResultFormat(taskId, format);
			}
			if (kind == ContentKind.TEXT) {
				queue(tenantId, taskId, kind, subject.snapshot(task), agreement, now);
			}
			else {
				// reviewers get the item with the media: fetched in the background, the
				// execution committed with the task
				tasks.awaitMedia(taskId);
				scheduler.schedule(JobScheduling.MANUAL_MEDIA.instance(taskId).build(), now);
			}
			out.add(ModerationResult.accepted(task.dataId(), taskId, task.url()));
		}
		return out;
	}

	/**
	 * Queues a human-only media task for people once its fetch finished, in one
	 * transaction with the outcome: reviewers see the fetched media ({@code blobKey},
	 * which the task then owns) or the URL and why it could not be fetched
	 * ({@code error}, shown as {@code mediaError}). The SLA deadline counts from the
	 * submission.
	 * @return whether the task was waiting (false: another run queued it already, or it
	 * is gone; the caller then deletes the blob)
	 */
	@Transactional
	boolean mediaFetched(String taskId, String blobKey, String error) {
		Optional<Tasks.Task> waiting = tasks.lock(taskId);
		if (waiting.isEmpty() || !tasks.finishMedia(taskId, blobKey, error)) {
			return false;
		}
		Tasks.Task task = waiting.get();
		Map<String, Object> snapshot = new LinkedHashMap<>(
				subjects.of(task.kind()).snapshot(new ManualTask(task.dataId(), task.content(), task.url())));
		if (error != null) {
			snapshot.put("mediaError", error);
		}
		queue(task.tenantId(), taskId, task.kind(), snapshot, directory.agreement(task.tenantId()), task.createdAt());
		return true;
	}

	private void queue(long tenantId, String taskId, ContentKind kind, Map<String, Object> snapshot,
			ManualReviewAgreement agreement, Instant submittedAt) {
		workflow.submit(
				new ReviewSubmission(tenantId, taskId, kind, json.writeValueAsString(snapshot), agreement.criteria(),
						agreement.labels(), 0, submittedAt.plus(agreement.sla(kind)), agreement.requiredReviews()));
	}

	/**
	 * Human-only results: 280 until a human decided, then the verdict; 594 past
	 * retention, 404 unknown.
	 */
	public List<ModerationResult> humanOnlyResults(long tenantId, ContentKind kind, List<String> taskIds) {
		requireEnabled(tenantId);
		List<ModerationResult> out = new ArrayList<>(taskIds.size());
		for (String taskId : taskIds) {
			Optional<Tasks.Task> task = tasks.byId(tenantId, taskId)
				.filter(t -> t.mode() == Tasks.Mode.HUMAN_ONLY && t.kind() == kind);
			if (task.isEmpty()) {
				out.add(ModerationResult.failed(ModerationResult.Failure.ofCode(404, "NOT_FOUND: no such task"), null,
						taskId, null));
				continue;
			}
			try {
				out.add(document(task.get()));
			}
			catch (TaskExpired e) {
				out.add(ModerationResult.failed(ModerationResult.Failure.of(ProblemCode.EXPIRED, e.getMessage()),
						task.get().dataId(), taskId, null));
			}
		}
		return out;
	}

	/** A stored task: what it holds and its result as it stands. */
	public record StoredTask(ContentKind kind, ModerationResult result) {
	}

	/** Any stored task of the tenant (native API). */
	public StoredTask task(long tenantId, String taskId) {
		Tasks.Task task = tasks.byId(tenantId, taskId).orElseThrow(() -> new NotFound("task " + taskId));
		return new StoredTask(task.kind(), document(task));
	}

	/** The result document of a stored task as it stands now. */
	ModerationResult document(Tasks.Task task) {
		if (task.completedAt() != null && task.completedAt().isBefore(clock.instant().minus(retention))) {
			throw new TaskExpired(task.taskId());
		}
		ModerationResult.HumanVerdict audit = task.auditResult() == null ? null
				: json.readValue(task.auditResult(), ModerationResult.HumanVerdict.class);
		if (task.mode() == Tasks.Mode.HUMAN_MACHINE) {
			ModerationResult machine = StoredResults.read(json, task.machineResult());
			return audit == null ? machine : machine.withHumanVerdict(audit);
		}
		if (audit == null) {
			return ModerationResult.pending(task.dataId(), task.taskId());
		}
		return new ModerationResult(task.taskId(), task.dataId(), ModerationResult.State.DONE, null, task.content(),
				null, task.url(), humanResults(subjects.of(task.kind()), audit), null, audit);
	}

	/**
	 * A result in the document shape of the default callback format (Green API 1.0's
	 * {@code data[i]}), which {@code GET /v1/tasks/{taskId}} answers.
	 */
	public Map<String, Object> defaultDocument(ModerationResult result) {
		return formats.defaultDocument(result);
	}

	/**
	 * Records the final human verdict on its task, once, and reports it by callback (the
	 * request's own, or the tenant's {@code review} notifications) in the same
	 * transaction.
	 */
	@ApplicationModuleListener(id = "moderation.review-decided")
	void on(ReviewDecided decided) {
		ModerationResult.HumanVerdict audit = new ModerationResult.HumanVerdict(decided.suggestion(), decided.labels(),
				decided.note(), decided.reviewedAt(), decided.reviews());
		Optional<Tasks.Task> locked = tasks.lock(decided.taskId());
		if (locked.isPresent() && "CANCELLED".equals(locked.get().status())) {
			// the task was cancelled after the reviewer decided (or while the decision
			// was
			// in flight): no verdict is recorded or delivered for a cancelled task
			log.info("verdict on cancelled task {} refused", decided.taskId());
			return;
		}
		if (!tasks.complete(decided.taskId(), json.writeValueAsString(audit), decided.reviewedAt())) {
			return;
		}
		Tasks.Task task = tasks.byId(decided.tenantId(), decided.taskId()).orElseThrow();
		String format = tasks.resultFormat(task.taskId()).orElse(null);
		String content;
		if (jobs.reviewed(task.taskId())) {
			// an asynchronous job: its own result, with the verdict
			AsyncJob job = jobs.byId(task.taskId()).orElseThrow();
			JobResult result = StoredJobResults.read(json, jobs.result(task.taskId()).orElseThrow(), job.kind());
			content = render(format, job, result.withHumanVerdict(audit));
		}
		else {
			content = render(format, document(task));
		}
		CallbackEvent event = CallbackEvent.review(task.taskId(), decided.suggestion(), content);
		Tasks.RequestCallback own = task.callback();
		if (own.url() != null) {
			// checked at request time; refused now (rules changed since) it is recorded
			// as a
			// refused delivery, never a reason to lose the verdict
			callbacks.enqueueToStoredCallback(decided.tenantId(), event, own.url(), own.seed(), own.cryptType());
			// the verdict is the task's last delivery, signed now: the seed is not needed
			// again
			tasks.forgetSeed(task.taskId());
		}
		else {
			callbacks.enqueue(decided.tenantId(), event);
		}
	}

	/** A job's result in the callback format of the API that started it. */
	String render(String format, AsyncJob job, JobResult result) {
		return formats.get(format).jobContent(job, result);
	}

	private String render(String format, ModerationResult result) {
		return formats.get(format).content(result);
	}

	static List<ModerationResult.Check> humanResults(ManualSubjects.Subject subject,
			ModerationResult.HumanVerdict audit) {
		Suggestion suggestion = Suggestion.of(audit.suggestion());
		if (suggestion == Suggestion.PASS || audit.labels().isEmpty()) {
			return List.of(ModerationResult.Check.of(subject.sceneOf("normal"), "normal", suggestion, 100.0));
		}
		return audit.labels()
			.stream()
			.map(label -> ModerationResult.Check.of(subject.sceneOf(label), label, suggestion, 100.0))
			.toList();
	}

}
