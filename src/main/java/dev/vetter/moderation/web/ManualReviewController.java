package dev.vetter.moderation.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.vetter.moderation.AsyncJobs;
import dev.vetter.moderation.JobAnswer;
import dev.vetter.moderation.HumanReview;
import dev.vetter.moderation.ModerationProperties;
import dev.vetter.moderation.ModerationResult;
import dev.vetter.platform.AccessDenied;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.ProblemCode;
import dev.vetter.tenancy.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import tools.jackson.databind.json.JsonMapper;

/** Native human-only review and task results. */
@RestController
@Tag(name = "Human review")
class ManualReviewController {

	record ManualReviewRequest(String kind, String bizType, List<HumanReview.ManualTask> tasks, String callback,
			String seed, String cryptType) {
	}

	record Submitted(List<SubmittedTask> tasks) {
	}

	/**
	 * One task's answer: {@code code} 200 and its {@code taskId}, or the code and a
	 * {@code msg} saying why it was refused.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record SubmittedTask(int code, String msg, String dataId, String taskId, String url) {

		static SubmittedTask of(ModerationResult r) {
			return r.ok() ? new SubmittedTask(200, "OK", r.dataId(), r.taskId(), r.url())
					: new SubmittedTask(r.failure().code(), r.failure().message(), r.dataId(), r.taskId(), r.url());
		}

	}

	private final HumanReview humanReview;

	private final ModerationProperties limits;

	private final AsyncJobs jobs;

	private final JsonMapper json;

	ManualReviewController(HumanReview humanReview, ModerationProperties limits, AsyncJobs jobs, JsonMapper json) {
		this.humanReview = humanReview;
		this.limits = limits;
		this.jobs = jobs;
		this.json = json;
	}

	@PostMapping("/v1/manual-reviews")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Human-only review: queue up to vetter.moderation.max-tasks tasks of one kind for people",
			description = "Answers at once. A media task (image, video, voice) is queued for people once a worker "
					+ "fetched its `url` into the blob store (target guard, the kind's size cap and deadline, format "
					+ "sniffed from the bytes), so reviewers see the media; when the fetch finally fails the item "
					+ "carries the URL and `mediaError` (the reason). Either way the task answers 280 until people "
					+ "decide.")
	Submitted submit(Caller caller, @RequestBody ManualReviewRequest body) {
		long tenant = tenant(caller);
		humanReview.requireEnabled(tenant);
		ContentKind kind = ContentKind.parse(body.kind());
		if (body.tasks() == null || body.tasks().isEmpty()) {
			throw new InvalidInput("tasks must be a non-empty array");
		}
		if (body.tasks().size() > limits.maxTasks()) {
			throw new InvalidInput(ProblemCode.TOO_MANY_TASKS, "at most " + limits.maxTasks() + " tasks per request");
		}
		HumanReview.CallbackSpec callback = new HumanReview.CallbackSpec(body.callback(), body.seed(),
				body.cryptType());
		return new Submitted(humanReview.submitHumanOnly(tenant, kind, body.bizType(), body.tasks(), callback)
			.stream()
			.map(SubmittedTask::of)
			.toList());
	}

	@GetMapping("/v1/tasks/{taskId}")
	@Operation(summary = "A stored task's result: machine result and, once decided, the human auditResult",
			description = "The per-task document of the Green API 1.0 results (code, msg, dataId, taskId, content?, "
					+ "filteredContent?, url?, results[], auditResult?), plus `document`: the native document "
					+ "(as /v1/text/moderations or /v1/image/moderations answer it, with `review` once people "
					+ "decided) when the task has a result.")
	@ApiResponse(responseCode = "200", description = "the task's result document")
	@ApiResponse(responseCode = "404", description = "not-found: no such task of the caller's tenant")
	@ApiResponse(responseCode = "410", description = "expired: the result is past its retention")
	Map<String, Object> task(Caller caller, @PathVariable String taskId) {
		HumanReview.StoredTask task = humanReview.task(tenant(caller), taskId);
		Map<String, Object> body = new LinkedHashMap<>(humanReview.defaultDocument(task.result()));
		if (task.result().state() != ModerationResult.State.DONE) {
			return body;
		}
		if (jobs.job(tenant(caller), taskId).isPresent()) {
			// an escalated job: the native document of its job document, as /v1/jobs/{id}
			JobAnswer answer = jobs.result(tenant(caller), null, taskId);
			if (answer.code() == 200) {
				body.put("document", NativeDocuments.media(task.kind(), answer.result()));
			}
			return body;
		}
		body.put("document", NativeDocuments.document(task.kind(), task.result()));
		return body;
	}

	private static long tenant(Caller caller) {
		return caller.tenant();
	}

}
