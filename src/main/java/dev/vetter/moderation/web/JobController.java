package dev.vetter.moderation.web;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.vetter.moderation.AsyncJob;
import dev.vetter.moderation.AsyncJobs;
import dev.vetter.moderation.JobAnswer;
import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.NotFound;
import dev.vetter.platform.ProblemCode;
import dev.vetter.platform.blob.BlobKey;
import dev.vetter.platform.blob.BlobStore;
import dev.vetter.tenancy.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Native view of asynchronous jobs: state and progress, the result (Green per-task shape,
 * kept as it was) and the native document beside it, cancel, and the media and flagged
 * frames the result links to. Another tenant's job answers exactly as a missing one.
 */
@RestController
@Tag(name = "Asynchronous jobs")
class JobController {

	private final AsyncJobs jobs;

	private final BlobStore blobs;

	JobController(AsyncJobs jobs, BlobStore blobs) {
		this.jobs = jobs;
		this.blobs = blobs;
	}

	@GetMapping("/v1/jobs/{taskId}")
	@Operation(summary = "An asynchronous job: state, progress (frames done / total, seconds of audio done), "
			+ "its result answer (Green per-task shape: code 280 until the machine result is there) and, once "
			+ "the machine result is there, the native document")
	@ApiResponse(responseCode = "200", description = "the job")
	@ApiResponse(responseCode = "404", description = "not-found: no such job for this tenant")
	Map<String, Object> job(Caller caller, @PathVariable String taskId) {
		return resource(caller, jobs.job(caller.tenant(), taskId).orElseThrow(() -> new NotFound("job " + taskId)));
	}

	@PostMapping("/v1/jobs/{taskId}/cancel")
	@Operation(summary = "Cancel a queued, running or in-review job (idempotent): the job resource, state CANCELLED; "
			+ "no human verdict is ever recorded or delivered for it afterwards")
	@ApiResponse(responseCode = "200", description = "the job, cancelled (also when it was cancelled before)")
	@ApiResponse(responseCode = "404", description = "not-found: no such job for this tenant")
	@ApiResponse(responseCode = "409", description = "conflict: the job has finished (done or failed)")
	Map<String, Object> cancel(Caller caller, @PathVariable String taskId) {
		int code = jobs.cancel(caller.tenant(), null, List.of(taskId)).get(0).code();
		if (code == 404) {
			throw new NotFound("job " + taskId);
		}
		if (code == 409) {
			throw new InvalidInput(ProblemCode.CONFLICT, "job " + taskId + " has finished and cannot be cancelled");
		}
		return job(caller, taskId);
	}

	private Map<String, Object> resource(Caller caller, AsyncJob job) {
		String taskId = job.taskId();
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("taskId", taskId);
		out.put("kind", job.kind().wire());
		out.put("state", job.state().name());
		out.put("attempts", job.attempts());
		out.put("progress", job.progress());
		out.put("createdAt", job.createdAt());
		out.put("startedAt", job.startedAt());
		out.put("finishedAt", job.finishedAt());
		JobAnswer answer = jobs.result(caller.tenant(), null, taskId);
		Map<String, Object> result = jobs.defaultDocument(answer);
		out.put("result", result);
		int code = answer.code();
		if (code == 200) {
			out.put("document", NativeDocuments.media(job.kind(), answer.result()));
		}
		else if (code != 280 && code != 410) {
			// failed, or expired; a cancelled job says so in its state
			out.put("error", new JobError(ProblemCode.ofGreenTaskCode(code).code(), code, answer.message()));
		}
		out.put("links",
				new MediaModerationController.JobLinks("/v1/jobs/" + taskId, "/v1/jobs/" + taskId + "/cancel"));
		return out;
	}

	/**
	 * Why a job has no document: a failed task's code (native and Green), or
	 * {@code expired} past retention.
	 */
	record JobError(String code, int greenCode, String message) {
	}

	@GetMapping("/v1/tasks/{taskId}/media")
	@Operation(summary = "The video or audio file a job scanned (as fetched)")
	ResponseEntity<InputStreamResource> media(Caller caller, @PathVariable String taskId) {
		return blob(caller, taskId, "media");
	}

	@GetMapping("/v1/tasks/{taskId}/frames/{index}")
	@Operation(summary = "A flagged video frame (JPEG), as linked from the result's frames[].url")
	ResponseEntity<InputStreamResource> frame(Caller caller, @PathVariable String taskId, @PathVariable int index) {
		return blob(caller, taskId, "frame-" + index);
	}

	private ResponseEntity<InputStreamResource> blob(Caller caller, String taskId, String name) {
		BlobKey key = jobs.blob(caller.tenant(), taskId, name)
			.orElseThrow(() -> new NotFound(name + " of task " + taskId));
		InputStream in = blobs.open(key);
		MediaType type = name.startsWith("frame-") ? MediaType.IMAGE_JPEG : MediaType.APPLICATION_OCTET_STREAM;
		return ResponseEntity.ok().contentType(type).body(new InputStreamResource(in));
	}

}
