package dev.vetter.console.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.vetter.console.ConsoleProperties;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.NotFound;
import dev.vetter.review.QueueDashboard;
import dev.vetter.review.ReviewInsights;
import dev.vetter.tenancy.Caller;
import dev.vetter.tenancy.ManualReviewAgreement;
import dev.vetter.tenancy.Role;
import dev.vetter.tenancy.TenancyListing;
import dev.vetter.tenancy.Tenant;
import dev.vetter.tenancy.TenantDirectory;

/**
 * The operators' console: the queue dashboard, tenants and their manual review
 * agreements, users and reviewer teams (which tenants each reviewer works for).
 */
@Controller
class OperatorConsoleController {

	private final TenantDirectory directory;

	private final TenancyListing listing;

	private final ReviewInsights insights;

	private final ConsoleProperties properties;

	OperatorConsoleController(TenantDirectory directory, TenancyListing listing, ReviewInsights insights,
			ConsoleProperties properties) {
		this.directory = directory;
		this.listing = listing;
		this.insights = insights;
		this.properties = properties;
	}

	@GetMapping("/console/operator")
	String dashboard(Caller caller, Model model) {
		QueueDashboard dashboard = insights.dashboard(caller, properties.riskWindow());
		Map<Long, Tenant> tenants = listing.tenants()
			.stream()
			.collect(Collectors.toMap(Tenant::id, Function.identity()));
		Map<Long, String> names = listing.users()
			.stream()
			.collect(Collectors.toMap(TenancyListing.UserSummary::id, TenancyListing.UserSummary::username));
		model.addAttribute("dashboard", dashboard);
		model.addAttribute("tenants", tenants);
		model.addAttribute("names", names);
		model.addAttribute("riskMinutes", properties.riskWindow().toMinutes());
		return "console/operator/dashboard";
	}

	@GetMapping("/console/operator/tenants")
	String tenants(Model model) {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Tenant t : listing.tenants()) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("tenant", t);
			row.put("agreement", directory.agreement(t.id()));
			rows.add(row);
		}
		model.addAttribute("rows", rows);
		return "console/operator/tenants";
	}

	@PostMapping("/console/operator/tenants")
	String createTenant(@RequestParam String name, @RequestParam(required = false) Long uid,
			RedirectAttributes redirect) {
		TenantDirectory.NewTenant created = directory.createTenant(uid, name);
		redirect.addFlashAttribute("created", created);
		redirect.addFlashAttribute("message", "Tenant " + created.tenant().name() + " created.");
		return "redirect:/console/operator/tenants";
	}

	@GetMapping("/console/operator/tenants/{uid}")
	String tenant(@PathVariable long uid, Model model) {
		Tenant tenant = directory.tenantByUid(uid);
		model.addAttribute("tenant", tenant);
		model.addAttribute("agreement", directory.agreement(tenant.id()));
		model.addAttribute("kinds", ContentKind.wireNames());
		return "console/operator/tenant";
	}

	@PostMapping("/console/operator/tenants/{uid}/agreement")
	String saveAgreement(@PathVariable long uid, @RequestParam(defaultValue = "false") boolean enabled,
			@RequestParam(defaultValue = "0") String dailyVolume, @RequestParam(defaultValue = "") String criteria,
			@RequestParam(defaultValue = "") String labels, @RequestParam(defaultValue = "1") String requiredReviews,
			@RequestParam Map<String, String> form, RedirectAttributes redirect) {
		Map<String, Integer> sla = new LinkedHashMap<>();
		for (String kind : ContentKind.wireNames()) {
			String minutes = form.get("sla." + kind);
			if (minutes != null && !minutes.isBlank()) {
				sla.put(kind, number(minutes, "SLA of " + kind));
			}
		}
		List<String> labelList = Arrays.stream(labels.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
		directory.saveAgreement(uid, new ManualReviewAgreement(enabled, number(dailyVolume, "daily volume"), sla,
				criteria, labelList, number(requiredReviews, "required reviews")));
		redirect.addFlashAttribute("message",
				"Agreement saved; manual review is " + (enabled ? "enabled" : "disabled") + ".");
		return "redirect:/console/operator/tenants/" + uid;
	}

	private static int number(String value, String what) {
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException e) {
			throw new InvalidInput(what + " must be a whole number");
		}
	}

	@GetMapping("/console/operator/users")
	String users(Model model) {
		Map<Long, Tenant> tenants = listing.tenants()
			.stream()
			.collect(Collectors.toMap(Tenant::id, Function.identity()));
		List<TenancyListing.UserSummary> users = listing.users();
		Map<Long, String> teams = new LinkedHashMap<>();
		for (TenancyListing.UserSummary u : users) {
			teams.put(u.id(),
					u.allTenants() ? "all tenants"
							: u.reviewTenants()
								.stream()
								.map(id -> tenants.containsKey(id) ? tenants.get(id).name() : "#" + id)
								.sorted()
								.collect(Collectors.joining(", ")));
		}
		model.addAttribute("users", users);
		model.addAttribute("teams", teams);
		model.addAttribute("tenants", tenants);
		model.addAttribute("roles", Role.values());
		return "console/operator/users";
	}

	@GetMapping("/console/operator/users/{username}")
	String user(@PathVariable String username, Model model) {
		TenancyListing.UserSummary user = listing.users()
			.stream()
			.filter(u -> u.username().equals(username))
			.findFirst()
			.orElseThrow(() -> new NotFound("user " + username));
		model.addAttribute("user", user);
		model.addAttribute("tenants", listing.tenants());
		return "console/operator/user";
	}

	@PostMapping("/console/operator/users/{username}/tenants")
	String assignTenants(Caller caller, @PathVariable String username,
			@RequestParam(name = "tenant", required = false) List<Long> tenantUids,
			@RequestParam(defaultValue = "false") boolean allTenants, RedirectAttributes redirect) {
		directory.assignTenants(username, tenantUids == null ? Set.of() : Set.copyOf(tenantUids), allTenants,
				caller.principal());
		redirect.addFlashAttribute("message", "Tenants of " + username + " saved.");
		return "redirect:/console/operator/users/" + username;
	}

	@PostMapping("/console/operator/users")
	String createUser(@RequestParam String username, @RequestParam String password,
			@RequestParam(name = "role", required = false) List<Role> roles,
			@RequestParam(name = "tenant", required = false) List<Long> tenantUids,
			@RequestParam(defaultValue = "false") boolean allTenants, RedirectAttributes redirect) {
		Set<Role> chosen = roles == null ? Set.of() : EnumSet.copyOf(roles);
		directory.createUser(username, password, chosen, tenantUids == null ? Set.of() : Set.copyOf(tenantUids),
				allTenants);
		redirect.addFlashAttribute("message", "User " + username + " created.");
		return "redirect:/console/operator/users";
	}

}
