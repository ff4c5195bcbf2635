package dev.vetter.policy.internal;

import org.springframework.stereotype.Component;

import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.ProblemCode;
import dev.vetter.platform.VetterException;
import dev.vetter.platform.web.StrictJson;
import dev.vetter.policy.BizTypePolicy;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes stored bizType policies. Unknown fields are refused, so typos do not
 * pass silently.
 */
@Component
public class PolicyCodec {

	private static final String FIELDS = "lexicons, rules, libraries, labelSuggestions, minRates, links, "
			+ "escalation (suggestions, labels, reviewLibraries, auditSampleRate), "
			+ "image (pornReview, pornBlock, sexyReview, sexyBlock, qrcode)";

	private final JsonMapper mapper = StrictJson.apply(JsonMapper.builder())
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	/**
	 * Parses client input; every problem becomes a {@link InvalidInput} naming what is
	 * wrong.
	 */
	public BizTypePolicy parse(String json) {
		try {
			BizTypePolicy policy = mapper.readValue(json, BizTypePolicy.class);
			if (policy == null) {
				throw new InvalidInput("the policy must be a JSON object");
			}
			return policy;
		}
		catch (UnrecognizedPropertyException e) {
			throw new InvalidInput("unknown policy field '" + StrictJson.path(e.getPath()) + "'; known: " + FIELDS);
		}
		catch (JacksonException e) {
			Throwable cause = e.getCause();
			if (cause instanceof VetterException v) {
				throw v;
			}
			if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
				String path = StrictJson.path(e.getPath());
				throw new InvalidInput(
						"the policy is not valid: " + (path.isEmpty() ? "" : path + ": ") + cause.getMessage());
			}
			String described = StrictJson.describe(e);
			if (described != null) {
				throw new InvalidInput(described);
			}
			throw new InvalidInput(ProblemCode.MALFORMED_JSON, "the policy is not valid JSON of the documented shape");
		}
	}

	public BizTypePolicy read(String json) {
		return mapper.readValue(json, BizTypePolicy.class);
	}

	public String write(BizTypePolicy policy) {
		return mapper.writeValueAsString(policy);
	}

}
