package dev.vetter.moderation;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** The {@link CallbackFormat}s of the wire adapters, by name. */
@Component
class CallbackFormats {

	private final Map<String, CallbackFormat> formats = new LinkedHashMap<>();

	private final JsonMapper json;

	CallbackFormats(ObjectProvider<CallbackFormat> formats, JsonMapper json) {
		formats.orderedStream().forEach(f -> this.formats.put(f.name(), f));
		this.json = json;
	}

	/**
	 * The format of that name; the {@link CallbackFormat#DEFAULT} one for null or an
	 * unknown name.
	 */
	CallbackFormat get(String name) {
		CallbackFormat f = name == null ? null : formats.get(name);
		if (f == null) {
			f = formats.get(CallbackFormat.DEFAULT);
		}
		if (f == null) {
			throw new IllegalStateException("no callback format " + CallbackFormat.DEFAULT);
		}
		return f;
	}

	/**
	 * A result as the default format writes it (Green API 1.0's {@code data[i]}): the
	 * document of stored image jobs and of {@code GET /v1/tasks/{taskId}}.
	 */
	@SuppressWarnings("unchecked")
	Map<String, Object> defaultDocument(ModerationResult result) {
		return json.readValue(get(CallbackFormat.DEFAULT).content(result), LinkedHashMap.class);
	}

}
