package dev.vetter.platform.web;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON is read as written, and what is wrong with it is said in JSON words. A number or
 * boolean where a string belongs is refused, not turned into text
 * ({@code {"content":123}}, {@code {"entries":[1,2]}}); a null inside an array or map
 * ({@code "tasks":[null]}) is refused where it would otherwise reach code as a null
 * element. Messages name the field ({@code tasks[0].content}) and the allowed values,
 * never a Java class.
 */
public final class StrictJson {

	private StrictJson() {
	}

	public static <B extends MapperBuilder<?, ?>> B apply(B builder) {
		builder.withCoercionConfig(LogicalType.Textual,
				config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
		builder.changeDefaultNullHandling(n -> JsonSetter.Value.construct(Nulls.DEFAULT, Nulls.FAIL));
		return builder;
	}

	/**
	 * What is wrong, for the client: {@code "field: must be one of TEXT, IMAGE"}; null
	 * when the problem is the JSON syntax itself (or not describable).
	 */
	public static String describe(Throwable error) {
		String path = null;
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException j && path == null && !j.getPath().isEmpty()) {
				path = path(j.getPath());
			}
			if (cause instanceof UnrecognizedPropertyException) {
				return name(path) + ": unknown field";
			}
			if (cause instanceof InvalidNullException) {
				return name(path) + ": must not be null";
			}
			if (cause instanceof MismatchedInputException m && m.getTargetType() != null && path != null) {
				return name(path) + ": " + expected(m.getTargetType());
			}
		}
		return null;
	}

	static String name(String path) {
		return path == null || path.isEmpty() ? "body" : path;
	}

	/** {@code tasks[0].content} from Jackson's reference chain. */
	public static String path(List<JacksonException.Reference> references) {
		StringBuilder sb = new StringBuilder();
		for (JacksonException.Reference ref : references) {
			if (ref.getPropertyName() != null) {
				if (!sb.isEmpty()) {
					sb.append('.');
				}
				sb.append(ref.getPropertyName());
			}
			else if (ref.getIndex() >= 0) {
				sb.append('[').append(ref.getIndex()).append(']');
			}
		}
		return sb.toString();
	}

	/** What the field takes, in JSON words. */
	static String expected(Class<?> type) {
		if (type.isEnum()) {
			return "must be one of " + Arrays.stream(type.getEnumConstants())
				.map(c -> ((Enum<?>) c).name())
				.collect(Collectors.joining(", "));
		}
		if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
			return "must be a string";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "must be true or false";
		}
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class
				|| type == short.class || type == Short.class) {
			return "must be an integer in range";
		}
		if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
			return "must be a number";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "must be an array";
		}
		return "must be a JSON object of the documented shape";
	}

}
