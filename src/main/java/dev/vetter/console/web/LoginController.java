package dev.vetter.console.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import dev.vetter.tenancy.Caller;
import dev.vetter.tenancy.Role;

/** The login form and each role's home. */
@Controller
class LoginController {

	@GetMapping("/login")
	String login() {
		return "console/login";
	}

	/** Operators, tenant admins and reviewers each land on their own home. */
	@GetMapping("/console")
	String home(Caller caller) {
		return "redirect:" + homeOf(caller);
	}

	static String homeOf(Caller caller) {
		if (caller.has(Role.OPERATOR)) {
			return "/console/operator";
		}
		if (caller.has(Role.TENANT_ADMIN)) {
			return "/console/tenant";
		}
		if (caller.has(Role.REVIEWER) || caller.has(Role.LEAD)) {
			return "/console/review";
		}
		return "/login?error";
	}

}
