package dev.vetter.moderation.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.vetter.moderation.HumanReview;
import dev.vetter.moderation.ModerationProperties;
import dev.vetter.moderation.TaskResult;
import dev.vetter.platform.AccessDenied;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.ProblemCode;
import dev.vetter.tenancy.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Native human-only review and task results. */
@RestController
@Tag(name = "Human review")
class ManualReviewController {

	record ManualReviewRequest(String kind, String bizType, List<HumanReview.ManualTask> tasks, String callback,
			String seed, String cryptType) {
	}

	record Submitted(List<TaskResult> tasks) {
	}

	private final HumanReview humanReview;

	private final ModerationProperties limits;

	ManualReviewController(HumanReview humanReview, ModerationProperties limits) {
		this.humanReview = humanReview;
		this.limits = limits;
	}

	@PostMapping("/v1/manual-reviews")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Human-only review: queue up to vetter.moderation.max-tasks tasks of one kind for people")
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
		return new Submitted(humanReview.submitHumanOnly(tenant, kind, body.bizType(), body.tasks(), callback));
	}

	@GetMapping("/v1/tasks/{taskId}")
	@Operation(summary = "A stored task's result: machine result and, once decided, the human auditResult")
	TaskResult task(Caller caller, @PathVariable String taskId) {
		return humanReview.task(tenant(caller), taskId);
	}

	private static long tenant(Caller caller) {
		return caller.tenant();
	}

}
