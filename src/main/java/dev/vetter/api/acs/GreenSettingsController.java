package dev.vetter.api.acs;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.vetter.platform.InvalidInput;
import dev.vetter.tenancy.TenantDirectory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Operators set how strictly a tenant's Alibaba-compatible requests are checked.
 */
@RestController
@Tag(name = "Tenancy")
class GreenSettingsController {

	/**
	 * @param requireNonce refuse signed requests without a nonce
	 */
	record GreenSettingsView(Boolean requireNonce) {
	}

	private final GreenSettings settings;

	private final TenantDirectory directory;

	GreenSettingsController(GreenSettings settings, TenantDirectory directory) {
		this.settings = settings;
		this.directory = directory;
	}

	@GetMapping("/v1/admin/tenants/{uid}/green-settings")
	@Operation(summary = "The tenant's Green API settings (operator only)")
	GreenSettingsView get(@PathVariable long uid) {
		return new GreenSettingsView(settings.of(directory.tenantByUid(uid).id()).requireNonce());
	}

	@PutMapping("/v1/admin/tenants/{uid}/green-settings")
	@Operation(summary = "Require a signature nonce on every Green API request of the tenant (operator only)")
	GreenSettingsView put(@PathVariable long uid, @RequestBody GreenSettingsView body) {
		if (body == null || body.requireNonce() == null) {
			throw new InvalidInput("requireNonce (true or false) is required");
		}
		long tenantId = directory.tenantByUid(uid).id();
		return new GreenSettingsView(
				settings.save(tenantId, new GreenSettings.Settings(body.requireNonce())).requireNonce());
	}

}
