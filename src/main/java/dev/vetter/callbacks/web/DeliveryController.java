package dev.vetter.callbacks.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.vetter.callbacks.CallbackAdministration;
import dev.vetter.callbacks.Delivery;
import dev.vetter.tenancy.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The calling tenant's callback deliveries. */
@RestController
@Tag(name = "Callbacks")
class DeliveryController {

	private final CallbackAdministration admin;

	DeliveryController(CallbackAdministration admin) {
		this.admin = admin;
	}

	@GetMapping("/v1/deliveries")
	@Operation(summary = "Deliveries, newest first; filter by status (pending, delivered, exhausted) and taskId")
	List<Delivery> list(Caller caller, @RequestParam(required = false) String status,
			@RequestParam(required = false) String taskId, @RequestParam(defaultValue = "50") int limit) {
		return admin.deliveries(NotificationController.tenant(caller), status, taskId, limit);
	}

	@GetMapping("/v1/deliveries/{id}")
	@Operation(summary = "One delivery with every attempt")
	Delivery get(Caller caller, @PathVariable String id) {
		return admin.delivery(NotificationController.tenant(caller), id);
	}

	@PostMapping("/v1/deliveries/{id}/resend")
	@Operation(summary = "Send again with a fresh round of attempts and the same delivery id")
	Delivery resend(Caller caller, @PathVariable String id) {
		return admin.resend(NotificationController.tenant(caller), id);
	}

}
