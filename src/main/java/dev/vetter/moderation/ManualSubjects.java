package dev.vetter.moderation;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Component;

import dev.vetter.platform.ContentKind;
import dev.vetter.platform.ProblemCode;
import dev.vetter.platform.net.TargetGuard;
import dev.vetter.platform.net.TargetRefused;

/**
 * What a human-only task of each content kind must carry, what reviewers see of it and
 * under which scene a human label is reported. One entry per kind: a new kind is a new
 * entry here, not a new branch in {@link HumanReview}.
 */
@Component
class ManualSubjects {

	/** Why a task cannot be queued. */
	record Problem(ProblemCode code, String message) {
	}

	/** The rules of one kind. */
	interface Subject {

		/**
		 * @return why the task cannot be queued, or null
		 */
		Problem check(HumanReview.ManualTask task);

		/** What reviewers are shown of the task. */
		Map<String, Object> snapshot(HumanReview.ManualTask task);

		/** The Green scene a human label of this kind is reported under. */
		String sceneOf(String label);

	}

	/** Text and speech results are reported under {@code antispam}. */
	static final UnaryOperator<String> TEXT_SCENES = label -> "antispam";

	/**
	 * Image and video labels are reported under the scene whose vocabulary holds them.
	 */
	static final UnaryOperator<String> VISUAL_SCENES = label -> switch (label) {
		case "normal", "porn", "sexy" -> "porn";
		case "terrorism", "violence", "bloody", "explosion", "weapon", "politics", "flag", "drug", "gamble" ->
			"terrorism";
		case "ad", "spam", "qrcode", "programCode", "contraband", "abuse", "npx" -> "ad";
		case "live", "meaningless", "PIP", "smoking" -> "live";
		case "logo", "TV", "trademark" -> "logo";
		default -> "antispam";
	};

	private final Map<ContentKind, Subject> subjects = new EnumMap<>(ContentKind.class);

	ManualSubjects(ModerationProperties limits, TargetGuard targetGuard) {
		subjects.put(ContentKind.TEXT, new TextContent(limits.maxTextLength()));
		subjects.put(ContentKind.IMAGE, new MediaUrl(limits.maxUrlLength(), targetGuard, VISUAL_SCENES));
		subjects.put(ContentKind.VIDEO, new MediaUrl(limits.maxUrlLength(), targetGuard, VISUAL_SCENES));
		subjects.put(ContentKind.VOICE, new MediaUrl(limits.maxUrlLength(), targetGuard, TEXT_SCENES));
	}

	Subject of(ContentKind kind) {
		return subjects.get(kind);
	}

	/** A text task carries its {@code content}. */
	record TextContent(int maxLength) implements Subject {

		@Override
		public Problem check(HumanReview.ManualTask task) {
			if (task.content() == null) {
				return new Problem(ProblemCode.VALIDATION_FAILED, "content is required for text tasks");
			}
			if (task.content().length() > maxLength) {
				return new Problem(ProblemCode.TOO_LARGE, "TOO_LARGE: content is at most " + maxLength + " characters");
			}
			return null;
		}

		@Override
		public Map<String, Object> snapshot(HumanReview.ManualTask task) {
			Map<String, Object> snapshot = new LinkedHashMap<>();
			snapshot.put("text", task.content());
			if (task.url() != null) {
				snapshot.put("url", task.url());
			}
			return snapshot;
		}

		@Override
		public String sceneOf(String label) {
			return TEXT_SCENES.apply(label);
		}

	}

	/** An image, video or voice task carries the {@code url} of its media. */
	record MediaUrl(int maxLength, TargetGuard targetGuard, UnaryOperator<String> scenes) implements Subject {

		@Override
		public Problem check(HumanReview.ManualTask task) {
			String url = task.url();
			if (url == null || url.length() > maxLength || !url.matches("(?i)https?://[^\\s]+")) {
				return new Problem(ProblemCode.VALIDATION_FAILED,
						"url is required: an http(s) URL of at most " + maxLength + " characters");
			}
			try {
				// reviewers' screens and later fetches load it: no private or metadata
				// targets
				targetGuard.check(url);
			}
			catch (TargetRefused e) {
				return new Problem(ProblemCode.VALIDATION_FAILED, e.getMessage());
			}
			return null;
		}

		@Override
		public Map<String, Object> snapshot(HumanReview.ManualTask task) {
			Map<String, Object> snapshot = new LinkedHashMap<>();
			if (task.content() != null) {
				snapshot.put("text", task.content());
			}
			snapshot.put("url", task.url());
			return snapshot;
		}

		@Override
		public String sceneOf(String label) {
			return scenes.apply(label);
		}

	}

}
