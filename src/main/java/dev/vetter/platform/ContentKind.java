package dev.vetter.platform;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a task holds. The wire names are Alibaba's ({@code text}, {@code image},
 * {@code video}, {@code voice}) and are what the database stores; the task id prefix
 * tells a task's kind at a glance. Behaviour that differs per kind lives with the kind's
 * own implementation (a detector, a manual-task subject), never in a {@code switch} over
 * this type.
 */
public enum ContentKind {

	TEXT("text", "txt"), IMAGE("image", "img"), VIDEO("video", "vi"), VOICE("voice", "au");

	private final String wire;

	private final String taskIdPrefix;

	ContentKind(String wire, String taskIdPrefix) {
		this.wire = wire;
		this.taskIdPrefix = taskIdPrefix;
	}

	/** The name on the wire and in the database: {@code text}, {@code image}, ... */
	@JsonValue
	public String wire() {
		return wire;
	}

	/**
	 * The prefix of this kind's task ids ({@code txt}, {@code img}, {@code vi},
	 * {@code au}).
	 */
	public String taskIdPrefix() {
		return taskIdPrefix;
	}

	/** The wire names, in declaration order. */
	public static List<String> wireNames() {
		return Arrays.stream(values()).map(ContentKind::wire).toList();
	}

	/**
	 * The kind with this wire name.
	 * @throws InvalidInput naming the allowed values when there is none
	 */
	@JsonCreator
	public static ContentKind parse(String wire) {
		for (ContentKind kind : values()) {
			if (kind.wire.equals(wire)) {
				return kind;
			}
		}
		throw new InvalidInput(
				"kind is one of " + wireNames() + (wire == null || wire.length() > 32 ? "" : "; got '" + wire + "'"));
	}

	@Override
	public String toString() {
		return wire;
	}

}
