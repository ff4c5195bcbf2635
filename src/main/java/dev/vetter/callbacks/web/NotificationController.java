package dev.vetter.callbacks.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.vetter.callbacks.CallbackAdministration;
import dev.vetter.callbacks.CallbackStream;
import dev.vetter.callbacks.CryptType;
import dev.vetter.callbacks.NotificationSettings;
import dev.vetter.tenancy.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The calling tenant's notification settings (access key or tenant admin). */
@RestController
@Tag(name = "Callbacks")
class NotificationController {

	record SettingsBody(String url, String cryptType, List<String> types, List<String> suggestions) {
	}

	/** {@code seed} is present in the answers of PUT and of rotation, never in GET. */
	record SettingsView(String url, CryptType cryptType, Set<CallbackStream> types, Set<String> suggestions,
			Instant updatedAt, String seed) {

		static SettingsView of(NotificationSettings s, String seed) {
			return new SettingsView(s.url(), s.cryptType(), s.types(), s.suggestions(), s.updatedAt(), seed);
		}
	}

	private final CallbackAdministration admin;

	NotificationController(CallbackAdministration admin) {
		this.admin = admin;
	}

	@PutMapping("/v1/notifications")
	@Operation(summary = "Create or replace the notification settings; answers with the seed (generated on the "
			+ "first call, kept by later ones)")
	SettingsView put(Caller caller, @RequestBody SettingsBody body) {
		CallbackAdministration.Issued issued = admin.put(tenant(caller), body.url(), body.cryptType(), body.types(),
				body.suggestions());
		return SettingsView.of(issued.settings(), issued.seed());
	}

	@GetMapping("/v1/notifications")
	@Operation(summary = "The notification settings, without the seed")
	SettingsView get(Caller caller) {
		return SettingsView.of(admin.settings(tenant(caller)), null);
	}

	@PostMapping("/v1/notifications/seed")
	@Operation(summary = "Issue a new seed (shown once); waiting deliveries are signed with it")
	SettingsView rotate(Caller caller) {
		CallbackAdministration.Issued issued = admin.rotateSeed(tenant(caller));
		return SettingsView.of(issued.settings(), issued.seed());
	}

	@DeleteMapping("/v1/notifications")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Stop tenant notifications (per-request callbacks are not affected)")
	void delete(Caller caller) {
		admin.delete(tenant(caller));
	}

	static long tenant(Caller caller) {
		return caller.tenant();
	}

}
