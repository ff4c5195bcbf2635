package dev.vetter.tenancy.web;

import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.vetter.platform.AccessDenied;
import dev.vetter.platform.InvalidInput;
import dev.vetter.tenancy.Caller;
import dev.vetter.tenancy.ManualReviewAgreement;
import dev.vetter.tenancy.Role;
import dev.vetter.tenancy.Tenant;
import dev.vetter.tenancy.TenantDirectory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Tenancy")
class TenantController {

	record TenantView(long uid, String name) {
	}

	record NewUser(String username, String password, Set<Role> roles, Set<Long> tenants) {
	}

	record UserCreated(long id, String username, Set<Role> roles, Set<Long> tenants) {
	}

	record NewTenant(Long uid, String name) {
	}

	record TenantCreated(long uid, String name, String accessKeyId, String accessKeySecret) {
	}

	private final TenantDirectory directory;

	TenantController(TenantDirectory directory) {
		this.directory = directory;
	}

	@GetMapping("/v1/tenant")
	@Operation(summary = "The calling tenant (access key or tenant admin)")
	TenantView tenant(Caller caller) {
		if (caller.tenantId() == null) {
			throw new InvalidInput("this caller acts for no tenant; use an access key or a tenant admin");
		}
		Tenant t = directory.tenant(caller.tenantId());
		return new TenantView(t.uid(), t.name());
	}

	@PostMapping("/v1/admin/tenants")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a tenant with one access key (operator only); the secret is shown once")
	TenantCreated createTenant(Caller caller, @RequestBody NewTenant body) {
		if (!caller.has(Role.OPERATOR)) {
			throw new AccessDenied("only operators create tenants");
		}
		TenantDirectory.NewTenant created = directory.createTenant(body.uid(), body.name());
		return new TenantCreated(created.tenant().uid(), created.tenant().name(), created.accessKeyId(),
				created.accessKeySecret());
	}

	@PutMapping("/v1/admin/tenants/{uid}/manual-review")
	@Operation(summary = "Switch the manual review service on or off and record the agreement (operator only)")
	ManualReviewAgreement putManualReview(Caller caller, @PathVariable long uid,
			@RequestBody ManualReviewAgreement body) {
		if (!caller.has(Role.OPERATOR)) {
			throw new AccessDenied("only operators enable manual review");
		}
		return directory.saveAgreement(uid, body);
	}

	@GetMapping("/v1/admin/tenants/{uid}/manual-review")
	@Operation(summary = "The tenant's manual review agreement (operator only)")
	ManualReviewAgreement getManualReview(Caller caller, @PathVariable long uid) {
		if (!caller.has(Role.OPERATOR)) {
			throw new AccessDenied("only operators see agreements");
		}
		return directory.agreement(directory.tenantByUid(uid).id());
	}

	@PostMapping("/v1/admin/users")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a user (operator only)")
	UserCreated createUser(Caller caller, @RequestBody NewUser body) {
		if (!caller.has(Role.OPERATOR)) {
			throw new AccessDenied("only operators create users");
		}
		long id = directory.createUser(body.username(), body.password(), body.roles(), body.tenants());
		return new UserCreated(id, body.username(), body.roles(), body.tenants() == null ? Set.of() : body.tenants());
	}

}
