package dev.vetter.policy.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.vetter.platform.NotFound;
import dev.vetter.policy.BizTypePolicy;
import dev.vetter.policy.Library;
import dev.vetter.policy.LibraryAction;
import dev.vetter.policy.LibraryKind;
import dev.vetter.policy.PolicyAdministration;
import dev.vetter.tenancy.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Custom libraries and bizType policies of the calling tenant (access key or tenant
 * admin).
 */
@RestController
@Tag(name = "Policy")
class PolicyController {

	record NewLibrary(String name, LibraryKind kind, LibraryAction action) {
	}

	record Entries(List<String> entries) {
	}

	record EntriesChanged(long libraryId, int added, int removed, long entries) {
	}

	private final PolicyAdministration admin;

	PolicyController(PolicyAdministration admin) {
		this.admin = admin;
	}

	@PostMapping("/v1/libraries")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a custom library")
	Library create(Caller caller, @RequestBody NewLibrary body) {
		return admin.createLibrary(tenant(caller), body.name(), body.kind(), body.action());
	}

	@GetMapping("/v1/libraries")
	@Operation(summary = "List the tenant's libraries")
	List<Library> list(Caller caller) {
		return admin.libraries(tenant(caller));
	}

	@GetMapping("/v1/libraries/{id}")
	@Operation(summary = "One library")
	Library get(Caller caller, @PathVariable long id) {
		return admin.library(tenant(caller), id);
	}

	@DeleteMapping("/v1/libraries/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a library and its entries")
	void delete(Caller caller, @PathVariable long id) {
		admin.deleteLibrary(tenant(caller), id);
	}

	@GetMapping("/v1/libraries/{id}/entries")
	@Operation(summary = "Page through a library's entries")
	List<String> entries(Caller caller, @PathVariable long id, @RequestParam(defaultValue = "0") int offset,
			@RequestParam(defaultValue = "100") int limit) {
		return admin.entries(tenant(caller), id, offset, limit);
	}

	@PostMapping("/v1/libraries/{id}/entries")
	@Operation(summary = "Add entries; effective for the next scan")
	EntriesChanged addEntries(Caller caller, @PathVariable long id, @RequestBody Entries body) {
		long tenant = tenant(caller);
		int added = admin.addEntries(tenant, id, body.entries());
		return new EntriesChanged(id, added, 0, admin.library(tenant, id).entries());
	}

	@PostMapping("/v1/libraries/{id}/entries/delete")
	@Operation(summary = "Remove entries")
	EntriesChanged removeEntries(Caller caller, @PathVariable long id, @RequestBody Entries body) {
		long tenant = tenant(caller);
		int removed = admin.removeEntries(tenant, id, body.entries());
		return new EntriesChanged(id, 0, removed, admin.library(tenant, id).entries());
	}

	@PutMapping("/v1/biz-types/{name}")
	@Operation(summary = "Create or replace a bizType policy")
	BizTypePolicy putBizType(Caller caller, @PathVariable String name,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @io.swagger.v3.oas.annotations.media.Content(
							schema = @io.swagger.v3.oas.annotations.media.Schema(
									implementation = BizTypePolicy.class))) @RequestBody String policy) {
		return admin.putBizType(tenant(caller), name, policy);
	}

	@GetMapping("/v1/biz-types/{name}")
	@Operation(summary = "One bizType policy")
	BizTypePolicy bizType(Caller caller, @PathVariable String name) {
		return admin.bizType(tenant(caller), name).orElseThrow(() -> new NotFound("bizType " + name));
	}

	@GetMapping("/v1/biz-types")
	@Operation(summary = "All bizType policies")
	Map<String, BizTypePolicy> bizTypes(Caller caller) {
		return admin.bizTypes(tenant(caller));
	}

	@DeleteMapping("/v1/biz-types/{name}")
	@Operation(summary = "Delete a bizType policy (scans naming it fall back to the default)")
	@ApiResponse(responseCode = "204", description = "deleted", content = @Content)
	ResponseEntity<Void> deleteBizType(Caller caller, @PathVariable String name) {
		admin.deleteBizType(tenant(caller), name);
		return ResponseEntity.noContent().build();
	}

	private static long tenant(Caller caller) {
		return caller.tenant();
	}

}
