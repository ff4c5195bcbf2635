package dev.vetter.policy.internal;

import org.springframework.stereotype.Component;

import dev.vetter.policy.BizTypePolicy;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes stored bizType policies. Unknown fields are refused, so typos do not pass silently. */
@Component
public class PolicyCodec {

	private final JsonMapper mapper = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	public BizTypePolicy read(String json) {
		return mapper.readValue(json, BizTypePolicy.class);
	}

	public String write(BizTypePolicy policy) {
		return mapper.writeValueAsString(policy);
	}
}
