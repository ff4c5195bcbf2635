package dev.vetter.api.green;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/** Any other {@code /green/**} path: Alibaba's gateway answer for an unknown action. */
import dev.vetter.api.acs.AcsCall;
import dev.vetter.api.acs.GatewayError;
import dev.vetter.api.acs.PopErrors;

@RestController
@Hidden
class GreenFallbackController {

	@RequestMapping("/green/**")
	void unknown(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String requestId = AcsCall.requestId(request);
		PopErrors.write(response, requestId, GatewayError.UNKNOWN_ACTION, null);
	}

}
