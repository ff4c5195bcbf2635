package dev.vetter.console.web;

import java.net.URI;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

import dev.vetter.platform.VetterException;
import dev.vetter.platform.web.ProblemDetailsAdvice;
import dev.vetter.tenancy.Caller;
import dev.vetter.tenancy.Role;
import dev.vetter.tenancy.TenantDirectory;

/**
 * What every console page knows (who is logged in, whether the tenant has manual review)
 * and how errors look: a failed form goes back to its page with the message, a page
 * answers its status with a readable page, the workbench's calls get problem+json.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

	private final TenantDirectory directory;

	ConsoleAdvice(TenantDirectory directory) {
		this.directory = directory;
	}

	static Optional<Caller> caller() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof Caller caller ? Optional.of(caller)
				: Optional.empty();
	}

	@ModelAttribute
	void common(Model model) {
		caller().ifPresent(caller -> {
			model.addAttribute("me", caller);
			model.addAttribute("isOperator", caller.has(Role.OPERATOR));
			model.addAttribute("isTenantAdmin", caller.has(Role.TENANT_ADMIN));
			model.addAttribute("isReviewer", caller.has(Role.REVIEWER) || caller.has(Role.LEAD));
			model.addAttribute("isLead", caller.has(Role.LEAD));
			boolean manual = caller.has(Role.TENANT_ADMIN) && caller.tenantId() != null
					&& directory.agreement(caller.tenantId()).enabled();
			model.addAttribute("manualReview", manual);
		});
	}

	@ExceptionHandler(VetterException.class)
	Object vetter(VetterException e, HttpServletRequest request, HttpServletResponse response) {
		if (request.getRequestURI().startsWith("/console/review/api/")) {
			ResponseEntity<ProblemDetail> problem = ProblemDetailsAdvice.problem(e.problem(), e.getMessage());
			return problem;
		}
		String back = sameSitePath(request.getHeader("Referer"));
		if ("POST".equals(request.getMethod()) && back != null && e.problem().httpStatus() < 500
				&& e.problem().httpStatus() != 404 && e.problem().httpStatus() != 403) {
			RequestContextUtils.getOutputFlashMap(request).put("error", e.getMessage());
			return new ModelAndView("redirect:" + back);
		}
		response.setStatus(e.problem().httpStatus());
		ModelAndView page = new ModelAndView("console/error");
		page.setStatus(org.springframework.http.HttpStatusCode.valueOf(e.problem().httpStatus()));
		page.addObject("status", e.problem().httpStatus());
		page.addObject("message", e.getMessage());
		return page;
	}

	/** The path of a console page from the Referer, or null (never another site). */
	private static String sameSitePath(String referer) {
		if (referer == null) {
			return null;
		}
		try {
			URI uri = URI.create(referer);
			String path = uri.getRawPath();
			if (path != null && path.startsWith("/console/") && !path.contains("//")) {
				return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
			}
		}
		catch (IllegalArgumentException ignored) {
			// not a URI: no way back
		}
		return null;
	}

}
