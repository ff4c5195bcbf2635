package dev.vetter.platform.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Liveness without touching the database; also the framework floor of the load benchmark.
 */
@RestController
@Tag(name = "Operations")
class PingController {

	@GetMapping(path = "/ping", produces = MediaType.TEXT_PLAIN_VALUE)
	@Operation(summary = "Answers pong (no auth, no database)")
	String ping() {
		return "pong";
	}

}
