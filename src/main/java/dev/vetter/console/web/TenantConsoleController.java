package dev.vetter.console.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.vetter.callbacks.CallbackAdministration;
import dev.vetter.callbacks.DeliveryId;
import dev.vetter.callbacks.NotificationSettings;
import dev.vetter.moderation.HumanReview;
import dev.vetter.moderation.ImageScanProperties;
import dev.vetter.moderation.ModerationResult;
import dev.vetter.moderation.TaskSearch;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.NotFound;
import dev.vetter.policy.BizTypePolicy;
import dev.vetter.policy.EscalationRules;
import dev.vetter.policy.ImageLibraries;
import dev.vetter.policy.ImageRules;
import dev.vetter.policy.Library;
import dev.vetter.policy.LibraryAction;
import dev.vetter.policy.LibraryKind;
import dev.vetter.policy.PolicyAdministration;
import dev.vetter.policy.Suggestion;
import dev.vetter.tenancy.Caller;
import dev.vetter.tenancy.TenantDirectory;

/**
 * The tenant admin's console, always scoped to the admin's own tenant (no page takes a
 * tenant id; another tenant's library or delivery answers 404). Manual-review options
 * (the menu entry, escalation settings, the manual submission page) exist only while the
 * tenant has the manual review service.
 */
@Controller
class TenantConsoleController {

	private final TenantDirectory directory;

	private final PolicyAdministration policies;

	private final CallbackAdministration callbacks;

	private final TaskSearch tasks;

	private final HumanReview humanReview;

	private final ImageLibraries images;

	private final ImageScanProperties imageDefaults;

	TenantConsoleController(TenantDirectory directory, PolicyAdministration policies, CallbackAdministration callbacks,
			TaskSearch tasks, HumanReview humanReview, ImageLibraries images, ImageScanProperties imageDefaults) {
		this.images = images;
		this.imageDefaults = imageDefaults;
		this.directory = directory;
		this.policies = policies;
		this.callbacks = callbacks;
		this.tasks = tasks;
		this.humanReview = humanReview;
	}

	@GetMapping("/console/tenant")
	String overview(Caller caller, Model model) {
		long tenant = caller.tenant();
		model.addAttribute("tenant", directory.tenant(tenant));
		model.addAttribute("agreement", directory.agreement(tenant));
		model.addAttribute("libraries", policies.libraries(tenant).size());
		model.addAttribute("bizTypes", policies.bizTypes(tenant).size());
		return "console/tenant/overview";
	}

	// notifications

	@GetMapping("/console/tenant/notifications")
	String notifications(Caller caller, Model model) {
		NotificationSettings settings = null;
		try {
			settings = callbacks.settings(caller.tenant());
		}
		catch (NotFound none) {
			// not set up yet: the form is empty
		}
		model.addAttribute("settings", settings);
		return "console/tenant/notifications";
	}

	@PostMapping("/console/tenant/notifications")
	String saveNotifications(Caller caller, @RequestParam String url, @RequestParam String cryptType,
			@RequestParam(name = "type", required = false) List<String> types,
			@RequestParam(name = "suggestion", required = false) List<String> suggestions,
			RedirectAttributes redirect) {
		CallbackAdministration.Issued issued = callbacks.put(caller.tenant(), url, cryptType,
				types == null ? List.of() : types, suggestions == null ? List.of() : suggestions);
		redirect.addFlashAttribute("seed", issued.seed());
		redirect.addFlashAttribute("message", "Notification settings saved.");
		return "redirect:/console/tenant/notifications";
	}

	@PostMapping("/console/tenant/notifications/rotate")
	String rotate(Caller caller, RedirectAttributes redirect) {
		redirect.addFlashAttribute("seed", callbacks.rotateSeed(caller.tenant()).seed());
		redirect.addFlashAttribute("message", "A new seed was issued.");
		return "redirect:/console/tenant/notifications";
	}

	/** htmx: queues a test delivery and answers the fragment that says so. */
	@PostMapping("/console/tenant/notifications/test")
	@ResponseBody
	String sendTest(Caller caller) {
		DeliveryId id = callbacks.sendTest(caller.tenant());
		return "<span role=\"status\">Test delivery " + id
				+ " queued; see <a href=\"/console/tenant/deliveries\">Deliveries</a>.</span>";
	}

	// policies

	@GetMapping("/console/tenant/policies")
	String policies(Caller caller, @RequestParam(required = false) String edit, Model model) {
		long tenant = caller.tenant();
		Map<String, BizTypePolicy> all = policies.bizTypes(tenant);
		model.addAttribute("bizTypes", all);
		model.addAttribute("libraries", policies.libraries(tenant));
		model.addAttribute("labels", new TreeSet<>(BizTypePolicy.TEXT_LABELS));
		String name = edit == null ? "" : edit;
		model.addAttribute("name", name);
		model.addAttribute("policy", all.getOrDefault(name, BizTypePolicy.DEFAULT));
		model.addAttribute("imageDefaults", imageDefaults.thresholds(ImageRules.NONE));
		Map<String, String> imageSummaries = new LinkedHashMap<>();
		all.forEach((n, p) -> imageSummaries.put(n, summary(p.image())));
		model.addAttribute("imageSummaries", imageSummaries);
		return "console/tenant/policies";
	}

	@PostMapping("/console/tenant/policies")
	String savePolicy(Caller caller, @RequestParam String name, @RequestParam(defaultValue = "false") boolean lexicons,
			@RequestParam(defaultValue = "false") boolean rules,
			@RequestParam(defaultValue = "false") boolean allLibraries,
			@RequestParam(name = "library", required = false) List<String> libraries,
			@RequestParam Map<String, String> form, RedirectAttributes redirect) {
		long tenant = caller.tenant();
		Map<String, Suggestion> labelSuggestions = new LinkedHashMap<>();
		for (String label : BizTypePolicy.TEXT_LABELS) {
			String value = form.get("label." + label);
			if (value != null && !value.isBlank()) {
				labelSuggestions.put(label, Suggestion.of(value));
			}
		}
		BizTypePolicy stored = policies.bizType(tenant, name).orElse(BizTypePolicy.DEFAULT);
		EscalationRules escalation = stored.escalation();
		if (directory.agreement(tenant).enabled() && form.containsKey("escalation")) {
			List<Suggestion> on = new ArrayList<>();
			for (Suggestion s : Suggestion.values()) {
				if (form.containsKey("escalate." + s.wire())) {
					on.add(s);
				}
			}
			double rate;
			try {
				rate = Double.parseDouble(form.getOrDefault("auditSampleRate", "0"));
			}
			catch (NumberFormatException e) {
				throw new InvalidInput("audit sample rate must be a number between 0 and 1");
			}
			escalation = new EscalationRules(on, escalation.labels(), form.containsKey("reviewLibraries"), rate);
		}
		ImageRules image = new ImageRules(score(form, "pornReview"), score(form, "pornBlock"),
				score(form, "sexyReview"), score(form, "sexyBlock"), suggestion(form.get("image.qrcode")));
		// the form does not show minRates and links: they keep what the API set
		policies.putBizType(tenant, name,
				new BizTypePolicy(lexicons, rules, allLibraries ? null : (libraries == null ? List.of() : libraries),
						labelSuggestions, escalation, stored.minRates(), stored.links(), image));
		redirect.addFlashAttribute("message", "Policy " + name + " saved.");
		return "redirect:/console/tenant/policies";
	}

	/** The image rules a policy sets, in a few words for the policies table. */
	private static String summary(ImageRules rules) {
		List<String> parts = new ArrayList<>();
		if (rules.pornReview() != null) {
			parts.add("porn review from " + rules.pornReview());
		}
		if (rules.pornBlock() != null) {
			parts.add("porn block from " + rules.pornBlock());
		}
		if (rules.sexyReview() != null) {
			parts.add("sexy review from " + rules.sexyReview());
		}
		if (rules.sexyBlock() != null) {
			parts.add("sexy block from " + rules.sexyBlock());
		}
		if (rules.qrcode() != null) {
			parts.add("QR code " + rules.qrcode().wire());
		}
		return parts.isEmpty() ? "defaults" : String.join("; ", parts);
	}

	/** The form's {@code image.<field>} score; blank: not set (the default applies). */
	private static Double score(Map<String, String> form, String field) {
		String value = form.get("image." + field);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Double.valueOf(value.strip());
		}
		catch (NumberFormatException e) {
			throw new InvalidInput("image." + field + " must be a score from 0 to 1, was '" + value + "'");
		}
	}

	private static Suggestion suggestion(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Suggestion.of(value);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInput("image.qrcode must be review or block");
		}
	}

	@PostMapping("/console/tenant/policies/{name}/delete")
	String deletePolicy(Caller caller, @PathVariable String name, RedirectAttributes redirect) {
		policies.deleteBizType(caller.tenant(), name);
		redirect.addFlashAttribute("message", "Policy " + name + " deleted.");
		return "redirect:/console/tenant/policies";
	}

	// libraries

	@GetMapping("/console/tenant/libraries")
	String libraries(Caller caller, Model model) {
		model.addAttribute("libraries", policies.libraries(caller.tenant()));
		model.addAttribute("kinds", LibraryKind.values());
		model.addAttribute("actions", LibraryAction.values());
		return "console/tenant/libraries";
	}

	@PostMapping("/console/tenant/libraries")
	String createLibrary(Caller caller, @RequestParam String name, @RequestParam LibraryKind kind,
			@RequestParam LibraryAction action, @RequestParam(required = false) Integer maxDistance,
			RedirectAttributes redirect) {
		Library library = policies.createLibrary(caller.tenant(), name, kind, action,
				kind == LibraryKind.IMAGE ? maxDistance : null);
		redirect.addFlashAttribute("message", "Library " + library.name() + " created.");
		return "redirect:/console/tenant/libraries/" + library.id();
	}

	@GetMapping("/console/tenant/libraries/{id}")
	String library(Caller caller, @PathVariable long id, Model model) {
		Library library = policies.library(caller.tenant(), id);
		model.addAttribute("library", library);
		if (library.kind() == LibraryKind.IMAGE) {
			model.addAttribute("images", policies.imageEntries(caller.tenant(), id, 0, 500));
			return "console/tenant/image-library";
		}
		model.addAttribute("entries", policies.entries(caller.tenant(), id, 0, 500));
		return "console/tenant/library";
	}

	/**
	 * IMAGE libraries: adds the images at the URLs of the text box (one a line) and the
	 * uploaded files; each image that cannot be taken is named in the message.
	 */
	@PostMapping("/console/tenant/libraries/{id}/images")
	String addImages(Caller caller, @PathVariable long id, @RequestParam(defaultValue = "") String urls,
			@RequestParam(name = "files", required = false) List<MultipartFile> files, RedirectAttributes redirect) {
		long tenant = caller.tenant();
		List<String> lines = lines(urls);
		List<MultipartFile> uploads = files == null ? List.of() : files.stream().filter(f -> !f.isEmpty()).toList();
		if (lines.isEmpty() && uploads.isEmpty()) {
			throw new InvalidInput("give image URLs or choose image files");
		}
		List<ImageLibraries.Outcome> outcomes = new ArrayList<>();
		if (!lines.isEmpty()) {
			outcomes.add(images.addUrls(tenant, id, lines));
		}
		if (!uploads.isEmpty()) {
			outcomes.add(images.addUploads(tenant, id, uploads));
		}
		long added = outcomes.stream().flatMap(o -> o.entries().stream()).filter(ImageLibraries.Added::added).count();
		StringBuilder message = new StringBuilder(added + " images added.");
		outcomes.stream()
			.flatMap(o -> o.errors().stream())
			.forEach(e -> message.append(' ')
				.append(e.url() != null ? e.url() : e.filename())
				.append(": ")
				.append(e.message())
				.append('.'));
		redirect.addFlashAttribute("message", message.toString());
		return "redirect:/console/tenant/libraries/" + id;
	}

	@PostMapping("/console/tenant/libraries/{id}/images/remove")
	String removeImages(Caller caller, @PathVariable long id, @RequestParam(name = "entry") List<Long> ids,
			RedirectAttributes redirect) {
		int removed = policies.removeImages(caller.tenant(), id, ids, null);
		redirect.addFlashAttribute("message", removed + " images removed.");
		return "redirect:/console/tenant/libraries/" + id;
	}

	/** Adds the lines of the text box and of an uploaded text file (bulk import). */
	@PostMapping("/console/tenant/libraries/{id}/entries")
	String addEntries(Caller caller, @PathVariable long id, @RequestParam(defaultValue = "") String entries,
			@RequestParam(required = false) MultipartFile file, RedirectAttributes redirect) throws IOException {
		List<String> lines = lines(entries);
		if (file != null && !file.isEmpty()) {
			lines.addAll(lines(new String(file.getBytes(), StandardCharsets.UTF_8)));
		}
		int added = policies.addEntries(caller.tenant(), id, lines);
		redirect.addFlashAttribute("message", added + " entries added.");
		return "redirect:/console/tenant/libraries/" + id;
	}

	@PostMapping("/console/tenant/libraries/{id}/entries/remove")
	String removeEntries(Caller caller, @PathVariable long id, @RequestParam(name = "entry") List<String> entries,
			RedirectAttributes redirect) {
		int removed = policies.removeEntries(caller.tenant(), id, entries);
		redirect.addFlashAttribute("message", removed + " entries removed.");
		return "redirect:/console/tenant/libraries/" + id;
	}

	@PostMapping("/console/tenant/libraries/{id}/delete")
	String deleteLibrary(Caller caller, @PathVariable long id, RedirectAttributes redirect) {
		policies.deleteLibrary(caller.tenant(), id);
		redirect.addFlashAttribute("message", "Library deleted.");
		return "redirect:/console/tenant/libraries";
	}

	private static List<String> lines(String text) {
		List<String> out = new ArrayList<>();
		for (String line : text.split("\\R")) {
			if (!line.isBlank()) {
				out.add(line.strip());
			}
		}
		return out;
	}

	// results and deliveries

	@GetMapping("/console/tenant/results")
	String results(Caller caller, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String suggestion, @RequestParam(required = false) String label,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
		TaskSearch.Filter filter = new TaskSearch.Filter(kind, suggestion, label, time(from), time(to));
		model.addAttribute("rows", tasks.recent(caller.tenant(), filter, 200));
		model.addAttribute("filter", filter);
		model.addAttribute("from", from == null ? "" : from);
		model.addAttribute("to", to == null ? "" : to);
		model.addAttribute("kinds", ContentKind.wireNames());
		return "console/tenant/results";
	}

	/** A {@code datetime-local} value, read as UTC. */
	private static java.time.Instant time(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
		}
		catch (java.time.format.DateTimeParseException e) {
			throw new InvalidInput("times are yyyy-MM-ddTHH:mm (UTC)");
		}
	}

	@GetMapping("/console/tenant/deliveries")
	String deliveries(Caller caller, @RequestParam(required = false) String status, Model model) {
		model.addAttribute("deliveries", callbacks.deliveries(caller.tenant(), status, null, 100));
		model.addAttribute("status", status == null ? "" : status);
		return "console/tenant/deliveries";
	}

	@GetMapping("/console/tenant/deliveries/{id}")
	String delivery(Caller caller, @PathVariable String id, Model model) {
		model.addAttribute("delivery", callbacks.delivery(caller.tenant(), id));
		return "console/tenant/delivery";
	}

	@PostMapping("/console/tenant/deliveries/{id}/resend")
	String resend(Caller caller, @PathVariable String id, RedirectAttributes redirect) {
		callbacks.resend(caller.tenant(), id);
		redirect.addFlashAttribute("message", "Delivery " + id + " queued again.");
		return "redirect:/console/tenant/deliveries/" + id;
	}

	// manual submission (only with the manual review service)

	@GetMapping("/console/tenant/manual")
	String manual(Caller caller, Model model) {
		requireManual(caller);
		model.addAttribute("kinds", ContentKind.wireNames());
		return "console/tenant/manual";
	}

	/** One task per line: the text itself, or a media URL for the other kinds. */
	@PostMapping("/console/tenant/manual")
	String submitManual(Caller caller, @RequestParam String kind, @RequestParam String items,
			RedirectAttributes redirect) {
		requireManual(caller);
		ContentKind contentKind = ContentKind.parse(kind);
		List<HumanReview.ManualTask> manualTasks = new ArrayList<>();
		for (String line : lines(items)) {
			manualTasks.add(contentKind == ContentKind.TEXT ? new HumanReview.ManualTask(null, line, null)
					: new HumanReview.ManualTask(null, null, line));
		}
		if (manualTasks.isEmpty() || manualTasks.size() > 100) {
			throw new InvalidInput("give 1 to 100 lines");
		}
		List<ModerationResult> results = humanReview.submitHumanOnly(caller.tenant(), contentKind, null, manualTasks,
				new HumanReview.CallbackSpec(null, null, null));
		long queued = results.stream().filter(ModerationResult::ok).count();
		redirect.addFlashAttribute("message", queued + " of " + results.size() + " tasks queued for people.");
		List<String> refused = results.stream().filter(r -> !r.ok()).map(r -> r.failure().message()).toList();
		if (!refused.isEmpty()) {
			redirect.addFlashAttribute("error", String.join("; ", refused));
		}
		return "redirect:/console/tenant/manual";
	}

	/** Without the service the page does not exist (404, like any unknown page). */
	private void requireManual(Caller caller) {
		if (!directory.agreement(caller.tenant()).enabled()) {
			throw new NotFound("page");
		}
	}

}
