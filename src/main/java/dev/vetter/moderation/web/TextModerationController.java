package dev.vetter.moderation.web;

import java.util.List;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.vetter.moderation.DataIds;
import dev.vetter.moderation.ModerationProperties;
import dev.vetter.moderation.TextModeration;
import dev.vetter.moderation.TextVerdict;
import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.ProblemCode;
import dev.vetter.policy.Suggestion;
import dev.vetter.tenancy.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Native synchronous text moderation. */
@RestController
@Tag(name = "Text moderation")
class TextModerationController {

	record TextScan(String content, String bizType, String dataId) {
	}

	record Position(int start, int end) {
	}

	record Library(long id, String name) {
	}

	record Match(String text, List<Position> positions, Library library, String rule) {
	}

	record Finding(String label, Suggestion suggestion, double rate, List<Match> matches) {
	}

	record TextResult(String taskId, String dataId, Suggestion suggestion, String label, double rate,
			String filteredContent, List<Finding> findings) {
	}

	private final TextModeration moderation;

	private final int maxLength;

	TextModerationController(TextModeration moderation, ModerationProperties limits) {
		this.moderation = moderation;
		this.maxLength = limits.maxTextLength();
	}

	@PostMapping("/v1/text/moderations")
	@Operation(summary = "Moderate one text synchronously")
	TextResult scan(Caller caller, @RequestBody TextScan body) {
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
		List<Finding> findings = v.findings()
			.stream()
			.map(f -> new Finding(f.label(), f.suggestion(), f.rate(), f.contexts()
				.stream()
				.map(c -> new Match(c.context(), c.positions().stream().map(p -> new Position(p[0], p[1])).toList(),
						c.library() == null ? null : new Library(c.library().id(), c.library().name()), c.rule()))
				.toList()))
			.toList();
		return new TextResult(v.taskId(), body.dataId(), v.suggestion(), v.label(), v.rate(), v.filteredContent(),
				findings);
	}

}
