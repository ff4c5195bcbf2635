package dev.vetter.console.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonRawValue;

import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.vetter.console.ConsoleProperties;
import dev.vetter.moderation.TaskMedia;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.NotFound;
import dev.vetter.platform.VetterException;
import dev.vetter.platform.blob.BlobMissing;
import dev.vetter.platform.blob.BlobResource;
import dev.vetter.platform.blob.BlobStore;
import dev.vetter.review.ClaimedItem;
import dev.vetter.review.EarlierDecision;
import dev.vetter.review.EscalatedItem;
import dev.vetter.review.ReviewInsights;
import dev.vetter.review.ReviewWorkflow;
import dev.vetter.review.ReviewedTask;
import dev.vetter.review.Verdict;
import dev.vetter.tenancy.Caller;
import dev.vetter.tenancy.Role;
import dev.vetter.tenancy.TenancyListing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reviewer's workbench: a page driven by {@code workbench.js} (keys, prefetch, undo)
 * through the small JSON calls under {@code /console/review/api}, each a call of
 * {@link ReviewWorkflow}, and the media of the items reviewers work on; the image grid;
 * the leads' escalation queue.
 */
@Controller
class ReviewConsoleController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * An item as the workbench script renders it.
	 *
	 * @param media the stored media to show (served by {@link #media}), or null: the
	 * content's URL is then shown as text, never loaded
	 */
	record WorkItem(long id, String taskId, String kind, @JsonRawValue String content, String criteria,
			List<String> labels, Instant deadline, boolean escalated, List<EarlierDecision> earlier, Media media) {
	}

	/**
	 * The item's stored media: where the workbench loads it, its type, and where its
	 * flagged frames are ({@code framesUrl + "/" + index}).
	 */
	record Media(String url, String type, String framesUrl) {
	}

	/** An image of the grid; {@code mediaUrl} null when no image is stored. */
	record Tile(long id, String taskId, String url, String mediaUrl, List<String> labels, Instant deadline) {
	}

	private final ReviewWorkflow workflow;

	private final ReviewInsights insights;

	private final TenancyListing listing;

	private final ConsoleProperties properties;

	private final TaskMedia taskMedia;

	private final BlobStore blobs;

	ReviewConsoleController(ReviewWorkflow workflow, ReviewInsights insights, TenancyListing listing,
			ConsoleProperties properties, TaskMedia taskMedia, BlobStore blobs) {
		this.workflow = workflow;
		this.insights = insights;
		this.listing = listing;
		this.properties = properties;
		this.taskMedia = taskMedia;
		this.blobs = blobs;
	}

	@GetMapping("/console/review")
	String workbench(Model model) {
		model.addAttribute("undoMs", properties.undoWindow().toMillis());
		model.addAttribute("breakMs", properties.breakAfter().toMillis());
		return "console/review";
	}

	/** The item this reviewer holds (lease extended) or the next one; 204 when none. */
	@PostMapping("/console/review/api/claim")
	@ResponseBody
	ResponseEntity<WorkItem> claim(Caller caller) {
		return respond(caller, workflow.claim(caller));
	}

	/** One more item beside those held (prefetch); 204 when none. */
	@PostMapping("/console/review/api/claim-ahead")
	@ResponseBody
	ResponseEntity<WorkItem> claimAhead(Caller caller) {
		return respond(caller, workflow.claimAhead(caller, null));
	}

	@PostMapping("/console/review/api/items/{id}/decision")
	@ResponseBody
	Map<String, Object> decide(Caller caller, @PathVariable long id, @RequestParam String suggestion,
			@RequestParam(required = false) List<String> labels, @RequestParam(required = false) String note) {
		var outcome = workflow.decide(caller, id, new Verdict(suggestion, labels == null ? List.of() : labels,
				note == null || note.isBlank() ? null : note));
		return Map.of("id", id, "outcome", outcome.name());
	}

	@PostMapping("/console/review/api/items/{id}/release")
	@ResponseBody
	ResponseEntity<Void> release(Caller caller, @PathVariable long id) {
		workflow.release(caller, id);
		return ResponseEntity.noContent().build();
	}

	/**
	 * The media an item's task kept (an image, a video, an audio file), streamed to a
	 * reviewer who may see the item (see {@link ReviewWorkflow#visibleTask}; anything
	 * else answers 404 like a missing item). Range requests are answered (206) so players
	 * seek; never cached.
	 */
	@GetMapping("/console/review/api/items/{id}/media")
	ResponseEntity<Resource> media(Caller caller, @PathVariable long id) {
		ReviewedTask task = workflow.visibleTask(caller, id);
		return stream(taskMedia.media(task.tenantId(), task.taskId()), "media of review item " + id);
	}

	/** A flagged video frame (JPEG) of an item, under the same rule as {@link #media}. */
	@GetMapping("/console/review/api/items/{id}/frames/{index}")
	ResponseEntity<Resource> frame(Caller caller, @PathVariable long id, @PathVariable int index) {
		ReviewedTask task = workflow.visibleTask(caller, id);
		return stream(taskMedia.frame(task.tenantId(), task.taskId(), index),
				"frame " + index + " of review item " + id);
	}

	private ResponseEntity<Resource> stream(Optional<TaskMedia.Stored> stored, String what) {
		TaskMedia.Stored media = stored.orElseThrow(() -> new NotFound(what));
		BlobResource body;
		try {
			body = new BlobResource(blobs, media.key());
		}
		catch (BlobMissing e) {
			throw new NotFound(what);
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(media.contentType()))
			.cacheControl(CacheControl.noStore().cachePrivate())
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline")
			.body(body);
	}

	private ResponseEntity<WorkItem> respond(Caller caller, Optional<ClaimedItem> claimed) {
		return claimed.map(item -> ResponseEntity.ok(view(caller, item)))
			.orElseGet(() -> ResponseEntity.noContent().build());
	}

	private WorkItem view(Caller caller, ClaimedItem item) {
		List<EarlierDecision> earlier = item.escalated() && caller.has(Role.LEAD)
				? insights.decisions(caller, item.id()) : List.of();
		return new WorkItem(item.id(), item.taskId(), item.kind().wire(), item.content(), item.criteria(),
				item.labels(), item.deadline(), item.escalated(), earlier, media(caller, item));
	}

	/** The item's stored media for the workbench, or null (none kept, or not visible). */
	private Media media(Caller caller, ClaimedItem item) {
		if (item.kind() == ContentKind.TEXT) {
			return null;
		}
		ReviewedTask task;
		try {
			task = workflow.visibleTask(caller, item.id());
		}
		catch (NotFound e) {
			return null;
		}
		String base = "/console/review/api/items/" + item.id();
		return taskMedia.media(task.tenantId(), task.taskId())
			.map(m -> new Media(base + "/media", m.contentType(), base + "/frames"))
			.orElse(null);
	}

	/**
	 * A page of image items, each passing unless marked: those this reviewer holds
	 * already, then newly claimed ones; held until the page is submitted or the leases
	 * run out.
	 */
	@GetMapping("/console/review/grid")
	String grid(Caller caller, Model model) {
		List<ClaimedItem> page = new ArrayList<>(workflow.held(caller, ContentKind.IMAGE));
		while (page.size() < properties.gridSize()) {
			Optional<ClaimedItem> item = workflow.claimAhead(caller, ContentKind.IMAGE);
			if (item.isEmpty()) {
				break;
			}
			page.add(item.get());
		}
		List<Tile> tiles = new ArrayList<>();
		for (ClaimedItem c : page.subList(0, Math.min(page.size(), properties.gridSize()))) {
			JsonNode content = JSON.readTree(c.content());
			String url = content.has("url") ? content.get("url").asString() : null;
			Media media = media(caller, c);
			tiles.add(new Tile(c.id(), c.taskId(), url, media == null ? null : media.url(), c.labels(), c.deadline()));
		}
		Set<String> labels = tiles.stream()
			.flatMap(t -> t.labels().stream())
			.collect(Collectors.toCollection(java.util.LinkedHashSet::new));
		model.addAttribute("tiles", tiles);
		model.addAttribute("labels", labels);
		return "console/grid";
	}

	/**
	 * Decides a grid page: the marked items are blocked with the chosen label, all others
	 * pass. An item that cannot be decided (lease lost, label not in its agreement) is
	 * reported and left to its lease.
	 */
	@PostMapping("/console/review/grid")
	String decideGrid(Caller caller, @RequestParam(name = "item", required = false) List<Long> items,
			@RequestParam(name = "block", required = false) List<Long> blocked,
			@RequestParam(required = false) String label, RedirectAttributes redirect) {
		Set<Long> block = blocked == null ? Set.of() : Set.copyOf(blocked);
		Map<String, Integer> counts = new LinkedHashMap<>(Map.of("pass", 0, "block", 0));
		List<String> errors = new ArrayList<>();
		for (long id : items == null ? List.<Long>of() : items) {
			try {
				Verdict verdict = block.contains(id) ? new Verdict("block", List.of(label == null ? "" : label), null)
						: new Verdict("pass", List.of(), null);
				workflow.decide(caller, id, verdict);
				counts.merge(verdict.suggestion(), 1, Integer::sum);
			}
			catch (VetterException e) {
				errors.add("item " + id + ": " + e.getMessage());
			}
		}
		redirect.addFlashAttribute("decided", "Decided " + (counts.get("pass") + counts.get("block")) + " images: "
				+ counts.get("block") + " blocked, " + counts.get("pass") + " passed.");
		if (!errors.isEmpty()) {
			redirect.addFlashAttribute("error", String.join("; ", errors));
		}
		return "redirect:/console/review/grid";
	}

	/** Items the double reviewers disagreed on, with both verdicts (leads). */
	@GetMapping("/console/review/escalations")
	String escalations(Caller caller, Model model) {
		List<EscalatedItem> items = insights.escalated(caller, 100);
		Map<Long, String> names = listing.users()
			.stream()
			.collect(Collectors.toMap(TenancyListing.UserSummary::id, TenancyListing.UserSummary::username));
		model.addAttribute("items", items);
		model.addAttribute("names", names);
		return "console/escalations";
	}

}
