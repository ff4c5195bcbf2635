package dev.vetter.moderation.web;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.vetter.moderation.DataIds;
import dev.vetter.moderation.ModerationProperties;
import dev.vetter.moderation.TextModeration;
import dev.vetter.moderation.TextVerdict;
import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.ProblemCode;
import dev.vetter.tenancy.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Native synchronous text moderation. */
@RestController
@Tag(name = "Text moderation")
class TextModerationController {

	record TextScan(String content, String bizType, String dataId) {
	}

	private final TextModeration moderation;

	private final int maxLength;

	TextModerationController(TextModeration moderation, ModerationProperties limits) {
		this.moderation = moderation;
		this.maxLength = limits.maxTextLength();
	}

	@PostMapping("/v1/text/moderations")
	@Operation(summary = "Moderate one text synchronously")
	NativeDocuments.TextDocument scan(Caller caller, @RequestBody TextScan body) {
		if (body.content() == null) {
			throw new InvalidInput("content is required");
		}
		if (body.content().length() > maxLength) {
			throw new InvalidInput(ProblemCode.TOO_LARGE, "content is at most " + maxLength + " characters");
		}
		if (!DataIds.isValid(body.dataId())) {
			throw new InvalidInput(DataIds.RULE);
		}
		TextVerdict v = moderation.scan(caller.tenant(), body.bizType(), body.content());
		return NativeDocuments.text(v, body.dataId());
	}

}
