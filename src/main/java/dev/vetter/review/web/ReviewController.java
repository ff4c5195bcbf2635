package dev.vetter.review.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.vetter.review.ClaimedItem;
import dev.vetter.review.QueueStats;
import dev.vetter.review.ReviewLogEntry;
import dev.vetter.review.ReviewWorkflow;
import dev.vetter.review.Verdict;
import dev.vetter.tenancy.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The reviewer's workbench API. */
@RestController
@Tag(name = "Review")
class ReviewController {

	record Decision(String suggestion, List<String> labels, String note) {
	}

	private final ReviewWorkflow workflow;

	ReviewController(ReviewWorkflow workflow) {
		this.workflow = workflow;
	}

	@PostMapping("/v1/review/claims")
	@Operation(
			summary = "Claim the next item (200 with the item, 204 when the queue is empty); re-claiming extends the lease")
	@ApiResponse(responseCode = "200", description = "the claimed item",
			content = @Content(schema = @Schema(implementation = ClaimedItem.class)))
	@ApiResponse(responseCode = "204", description = "nothing is waiting", content = @Content)
	ResponseEntity<ClaimedItem> claim(Caller caller) {
		return workflow.claim(caller).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
	}

	@PostMapping("/v1/review/items/{id}/decision")
	@Operation(summary = "Decide an item you hold: pass or block, with labels from the agreement and a note")
	Map<String, Object> decide(Caller caller, @PathVariable long id, @RequestBody Decision body) {
		var outcome = workflow.decide(caller, id, new Verdict(body.suggestion(), body.labels(), body.note()));
		return Map.of("id", id, "outcome", outcome.name());
	}

	@GetMapping("/v1/admin/review/queue")
	@Operation(summary = "Queue depth and SLA state per tenant: pending, escalated, overdue, claimed (operators)")
	List<QueueStats> queue(Caller caller) {
		return workflow.stats(caller);
	}

	@GetMapping("/v1/review/items/{id}/events")
	@Operation(summary = "The item's append-only review log (operators, leads of the tenant)")
	List<ReviewLogEntry> events(Caller caller, @PathVariable long id) {
		return workflow.history(caller, id);
	}

	@PostMapping("/v1/review/items/{id}/release")
	@Operation(summary = "Give a held item back to the queue")
	@ApiResponse(responseCode = "204", description = "released", content = @Content)
	ResponseEntity<Void> release(Caller caller, @PathVariable long id) {
		workflow.release(caller, id);
		return ResponseEntity.noContent().build();
	}

}
