package dev.vetter.moderation.web;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.vetter.moderation.AsyncJob;
import dev.vetter.moderation.AsyncJobs;
import dev.vetter.platform.NotFound;
import dev.vetter.platform.blob.BlobKey;
import dev.vetter.platform.blob.BlobStore;
import dev.vetter.tenancy.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Native view of asynchronous jobs: state and progress, the result, and the media and
 * flagged frames the result links to.
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
			+ "and its result answer (code 280 until the machine result is there)")
	Map<String, Object> job(Caller caller, @PathVariable String taskId) {
		AsyncJob job = jobs.job(caller.tenant(), taskId).orElseThrow(() -> new NotFound("job " + taskId));
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("taskId", job.taskId());
		out.put("kind", job.kind().wire());
		out.put("state", job.state().name());
		out.put("attempts", job.attempts());
		out.put("progress", job.progress());
		out.put("createdAt", job.createdAt());
		out.put("startedAt", job.startedAt());
		out.put("finishedAt", job.finishedAt());
		out.put("result", jobs.result(caller.tenant(), null, taskId));
		return out;
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
