package dev.vetter.tenancy.web;

import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

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

	record NewUser(String username, String password, Set<Role> roles, Set<Long> tenants, Boolean allTenants) {
	}

	record UserCreated(long id, String username, Set<Role> roles, Set<Long> tenants, boolean allTenants) {
	}

	record TenantAssignment(Set<Long> tenants, Boolean allTenants) {
	}

	record NewPassword(String password) {
	}

	record KeyState(Boolean enabled) {
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
		Tenant t = directory.tenant(caller.tenantId());
		return new TenantView(t.uid(), t.name());
	}

	@PostMapping("/v1/admin/tenants")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a tenant with one access key (operator only); the secret is shown once")
	TenantCreated createTenant(Caller caller, @RequestBody NewTenant body) {
		TenantDirectory.NewTenant created = directory.createTenant(body.uid(), body.name());
		return new TenantCreated(created.tenant().uid(), created.tenant().name(), created.accessKeyId(),
				created.accessKeySecret());
	}

	@PutMapping("/v1/admin/tenants/{uid}/manual-review")
	@Operation(summary = "Switch the manual review service on or off and record the agreement (operator only)")
	ManualReviewAgreement putManualReview(Caller caller, @PathVariable long uid,
			@RequestBody ManualReviewAgreement body) {
		return directory.saveAgreement(uid, body);
	}

	@GetMapping("/v1/admin/tenants/{uid}/manual-review")
	@Operation(summary = "The tenant's manual review agreement (operator only)")
	ManualReviewAgreement getManualReview(Caller caller, @PathVariable long uid) {
		return directory.agreement(directory.tenantByUid(uid).id());
	}

	@PostMapping("/v1/admin/users")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a user (operator only)")
	UserCreated createUser(Caller caller, @RequestBody NewUser body) {
		boolean allTenants = Boolean.TRUE.equals(body.allTenants());
		long id = directory.createUser(body.username(), body.password(), body.roles(), body.tenants(), allTenants);
		return new UserCreated(id, body.username(), body.roles(), body.tenants() == null ? Set.of() : body.tenants(),
				allTenants);
	}

	@PutMapping("/v1/admin/users/{username}/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Set a user's password (operator only); the old one stops working at once")
	void changePassword(@PathVariable String username, @RequestBody NewPassword body) {
		directory.changePassword(username, body.password());
	}

	@PutMapping("/v1/admin/users/{username}/tenants")
	@Operation(summary = "Replace the tenants a reviewer or lead works for (operator only)",
			description = "tenants: tenant uids, empty for none; or allTenants: true for every tenant. Effective at once: "
					+ "the user's next claim uses the new scope, and leases on items of a removed tenant go back "
					+ "to the queue. An unknown uid answers 400 unknown-tenant; a TENANT_ADMIN's tenant is fixed.")
	UserCreated assignTenants(Caller caller, @PathVariable String username, @RequestBody TenantAssignment body) {
		TenantDirectory.UserAssignment user = directory.assignTenants(username, body.tenants(), body.allTenants(),
				caller.principal());
		return new UserCreated(user.id(), user.username(), user.roles(), user.tenantUids(), user.allTenants());
	}

	@PutMapping("/v1/admin/access-keys/{accessKeyId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Enable or disable an access key (operator only), effective at once")
	void setAccessKey(@PathVariable String accessKeyId, @RequestBody KeyState body) {
		if (body.enabled() == null) {
			throw new InvalidInput("enabled is required: true or false");
		}
		directory.setAccessKeyEnabled(accessKeyId, body.enabled());
	}

	@DeleteMapping("/v1/admin/access-keys/{accessKeyId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete an access key (operator only), effective at once")
	void deleteAccessKey(@PathVariable String accessKeyId) {
		directory.deleteAccessKey(accessKeyId);
	}

}
