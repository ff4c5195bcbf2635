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

	private final Map<String, CallbackFormat> formats = new LinkedHashMap<>();

	HumanReview(Tasks tasks, Callbacks callbacks, ReviewWorkflow workflow, TenantDirectory directory, JsonMapper json,
			Clock clock, ModerationProperties properties, ManualSubjects subjects,
			org.springframework.beans.factory.ObjectProvider<CallbackFormat> formats, Jobs jobs) {
		this.jobs = jobs;
		formats.orderedStream().forEach(f -> this.formats.put(f.name(), f));
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
	public boolean escalateIfNeeded(long tenantId, String bizType, TextVerdict verdict, TaskResult machineResult,
			EscalationRules rules) {
		return escalateIfNeeded(tenantId, bizType, verdict, machineResult, rules, null);
	}

	/**
	 * As
	 * {@link #escalateIfNeeded(long, String, TextVerdict, TaskResult, EscalationRules)},
	 * with the task's callbacks written in {@code format} (a {@link CallbackFormat} name;
	 * null: Green API 1.0).
	 */
	@Transactional
	public boolean escalateIfNeeded(long tenantId, String bizType, TextVerdict verdict, TaskResult machineResult,
			EscalationRules rules, String format) {
		if (!EscalationPolicy.escalates(verdict, rules)) {
			return false;
		}
		ManualReviewAgreement agreement = directory.agreement(tenantId);
		if (!agreement.enabled()) {
			return false;
		}
		Instant now = clock.instant();
		String machineJson = json.writeValueAsString(machineResult);
		tasks.insert(Tasks.Task.humanMachine(verdict.taskId(), tenantId, ContentKind.TEXT, machineResult.dataId(),
				bizType, verdict.content(), null, machineJson, now));
		if (format != null) {
			tasks.setResultFormat(verdict.taskId(), format);
		}
		callbacks.enqueue(tenantId, CallbackEvent.machineScan(verdict.taskId(), verdict.suggestion().wire(),
				render(format, machineResult, machineJson)));
		Map<String, Object> snapshot = new LinkedHashMap<>();
		snapshot.put("text", verdict.content());
		snapshot.put("machine", machineResult);
		int priority = verdict.suggestion() == dev.vetter.policy.Suggestion.PASS ? -1 : 0;
		workflow.submit(new ReviewSubmission(tenantId, verdict.taskId(), ContentKind.TEXT,
				json.writeValueAsString(snapshot), agreement.criteria(), agreement.labels(), priority,
				now.plus(agreement.sla(ContentKind.TEXT)), agreement.requiredReviews()));
		return true;
	}

	/**
	 * Human-machine for an asynchronous job: when the bizType's rules send its machine
	 * result to people (and the tenant has manual review), stores the review task (with
	 * the request's callback, for the verdict) and its review item, in the caller's
	 * transaction. Reviewers see {@link JobOutcome#reviewSnapshot()} and the machine
	 * result.
	 * @return whether the job was escalated
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	boolean escalateJob(AsyncJob job, JobOutcome outcome, String machineJson, EscalationRules rules,
			Tasks.RequestCallback callback, String format) {
		if (!EscalationPolicy.escalates(outcome.summary(), rules)) {
			return false;
		}
		ManualReviewAgreement agreement = directory.agreement(job.tenantId());
		if (!agreement.enabled()) {
			return false;
		}
		Instant now = clock.instant();
		tasks.insert(new Tasks.Task(job.taskId(), job.tenantId(), job.kind(), Tasks.Mode.HUMAN_MACHINE, job.dataId(),
				job.bizType(), null, job.url(), machineJson, null, "REVIEWING", callback, now, null));
		if (format != null) {
			tasks.setResultFormat(job.taskId(), format);
		}
		Map<String, Object> snapshot = new LinkedHashMap<>(outcome.reviewSnapshot());
		snapshot.put("machine", json.readValue(machineJson, Map.class));
		int priority = outcome.summary().suggestion() == dev.vetter.policy.Suggestion.PASS ? -1 : 0;
		workflow.submit(new ReviewSubmission(job.tenantId(), job.taskId(), job.kind(),
				json.writeValueAsString(snapshot), agreement.criteria(), agreement.labels(), priority,
				now.plus(agreement.sla(job.kind())), agreement.requiredReviews()));
		return true;
	}

	/**
	 * Human-only: queues every valid task. Invalid tasks get their own error code; the
	 * others are queued.
	 */
	@Transactional
	public List<TaskResult> submitHumanOnly(long tenantId, ContentKind kind, String bizType,
			List<ManualTask> manualTasks, CallbackSpec callback) {
		return submitHumanOnly(tenantId, kind, bizType, manualTasks, callback, null);
	}

	/**
	 * As {@link #submitHumanOnly(long, ContentKind, String, List, CallbackSpec)}, with
	 * the tasks' callbacks written in {@code format} (null: Green API 1.0).
	 */
	@Transactional
	public List<TaskResult> submitHumanOnly(long tenantId, ContentKind kind, String bizType,
			List<ManualTask> manualTasks, CallbackSpec callback, String format) {
		ManualReviewAgreement agreement = requireEnabled(tenantId);
		Optional<CallbackTarget> target = callbacks.callbackTarget(callback.url(), callback.seed(),
				callback.cryptType());
		Tasks.RequestCallback requestCallback = target
			.map(t -> new Tasks.RequestCallback(t.url().toString(), t.seed(), t.cryptType().name()))
			.orElse(Tasks.RequestCallback.NONE);
		ManualSubjects.Subject subject = subjects.of(kind);
		Instant now = clock.instant();
		List<TaskResult> out = new ArrayList<>(manualTasks.size());
		for (ManualTask task : manualTasks) {
			ManualSubjects.Problem problem = DataIds.isValid(task.dataId()) ? subject.check(task)
					: new ManualSubjects.Problem(ProblemCode.VALIDATION_FAILED, DataIds.RULE);
			if (problem != null) {
				out.add(TaskResult.error(problem.code(), problem.message(), task.dataId()));
				continue;
			}
			String taskId = TaskIds.next(kind);
			tasks.insert(Tasks.Task.humanOnly(taskId, tenantId, kind, task.dataId(), bizType, task.content(),
					task.url(), requestCallback, now));
			if (format != null) {
				tasks.setResultFormat(taskId, format);
			}
			Map<String, Object> snapshot = subject.snapshot(task);
			workflow.submit(new ReviewSubmission(tenantId, taskId, kind, json.writeValueAsString(snapshot),
					agreement.criteria(), agreement.labels(), 0, now.plus(agreement.sla(kind)),
					agreement.requiredReviews()));
			out.add(new TaskResult(200, "OK", task.dataId(), taskId, null, null, task.url(), null, null));
		}
		return out;
	}

	/**
	 * Human-only results: 280 until a human decided, then the verdict; 594 past
	 * retention, 404 unknown.
	 */
	public List<TaskResult> humanOnlyResults(long tenantId, ContentKind kind, List<String> taskIds) {
		requireEnabled(tenantId);
		List<TaskResult> out = new ArrayList<>(taskIds.size());
		for (String taskId : taskIds) {
			Optional<Tasks.Task> task = tasks.byId(tenantId, taskId)
				.filter(t -> t.mode() == Tasks.Mode.HUMAN_ONLY && t.kind() == kind);
			if (task.isEmpty()) {
				out.add(new TaskResult(404, "NOT_FOUND: no such task", null, taskId, null, null, null, null, null));
				continue;
			}
			try {
				out.add(document(task.get()));
			}
			catch (TaskExpired e) {
				out.add(new TaskResult(594, e.getMessage(), task.get().dataId(), taskId, null, null, null, null, null));
			}
		}
		return out;
	}

	/** Any stored task of the tenant (native API). */
	public TaskResult task(long tenantId, String taskId) {
		return document(tasks.byId(tenantId, taskId).orElseThrow(() -> new NotFound("task " + taskId)));
	}

	/** The result document of a stored task as it stands now. */
	TaskResult document(Tasks.Task task) {
		if (task.completedAt() != null && task.completedAt().isBefore(clock.instant().minus(retention))) {
			throw new TaskExpired(task.taskId());
		}
		TaskResult.AuditResult audit = task.auditResult() == null ? null
				: json.readValue(task.auditResult(), TaskResult.AuditResult.class);
		if (task.mode() == Tasks.Mode.HUMAN_MACHINE) {
			TaskResult machine = json.readValue(task.machineResult(), TaskResult.class);
			return audit == null ? machine : machine.withAudit(audit);
		}
		if (audit == null) {
			return TaskResult.processing(task.dataId(), task.taskId());
		}
		return new TaskResult(200, "OK", task.dataId(), task.taskId(), task.content(), null, task.url(),
				humanResults(subjects.of(task.kind()), audit), audit);
	}

	/**
	 * Records the final human verdict on its task, once, and reports it by callback (the
	 * request's own, or the tenant's {@code review} notifications) in the same
	 * transaction.
	 */
	@ApplicationModuleListener(id = "moderation.review-decided")
	void on(ReviewDecided decided) {
		TaskResult.AuditResult audit = new TaskResult.AuditResult(decided.suggestion(), decided.labels(),
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
			// an asynchronous job: its own result document, with the verdict
			Map<String, Object> doc = new LinkedHashMap<>(
					json.readValue(jobs.result(task.taskId()).orElseThrow(), Map.class));
			doc.put("auditResult", audit);
			content = render(format, jobs.byId(task.taskId()).orElseThrow(), json.writeValueAsString(doc));
		}
		else {
			content = render(format, document(task), null);
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

	/**
	 * A job's result document in the callback format of the API that started it (Green
	 * API 1.0 documents are sent as they are).
	 */
	@SuppressWarnings("unchecked")
	String render(String format, AsyncJob job, String documentJson) {
		CallbackFormat f = format == null ? null : formats.get(format);
		if (f == null) {
			return documentJson;
		}
		return f.jobContent(job, json.readValue(documentJson, LinkedHashMap.class));
	}

	private String render(String format, TaskResult document, String green1Json) {
		CallbackFormat f = format == null ? null : formats.get(format);
		if (f != null) {
			return f.content(document);
		}
		return green1Json != null ? green1Json : json.writeValueAsString(document);
	}

	static List<TaskResult.SceneResult> humanResults(ManualSubjects.Subject subject, TaskResult.AuditResult audit) {
		if ("pass".equals(audit.suggestion()) || audit.labels().isEmpty()) {
			return List
				.of(new TaskResult.SceneResult(subject.sceneOf("normal"), "normal", audit.suggestion(), 100.0, null));
		}
		return audit.labels()
			.stream()
			.map(label -> new TaskResult.SceneResult(subject.sceneOf(label), label, audit.suggestion(), 100.0, null))
			.toList();
	}

}
