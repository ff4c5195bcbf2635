package dev.vetter.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vetter.moderation.internal.Feedbacks;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.InvalidInput;
import dev.vetter.policy.HashedImage;
import dev.vetter.policy.ImageLibraries;
import dev.vetter.policy.Library;
import dev.vetter.policy.LibraryAction;
import dev.vetter.policy.PolicyAdministration;
import dev.vetter.policy.Suggestion;

/**
 * Corrections of machine results ({@code /green/image/feedback},
 * {@code /green/video/feedback}). A correction teaches the tenant's feedback library: the
 * image (for video: each frame given) is fetched safely, PDQ-hashed and added to the
 * IMAGE library {@value #BLOCK_LIBRARY} (suggestion {@code block}, a BLOCK library) or
 * {@value #PASS_LIBRARY} ({@code pass}, a PASS library, i.e. an allow-list), each created
 * on first use, so the next scan of that image (or a near copy) follows the correction.
 * Every correction is recorded (tenant, task, dataId, url, suggestion, scenes, label,
 * note, the entries it added).
 */
@Service
public class MediaFeedback {

	public static final String BLOCK_LIBRARY = "feedback-block";

	public static final String PASS_LIBRARY = "feedback-pass";

	/**
	 * One correction as the API takes it.
	 *
	 * @param kind {@code IMAGE} or {@code VIDEO}
	 * @param taskId the corrected task, if given
	 * @param url the image (image feedback) or the video (video feedback)
	 * @param suggestion {@code pass} or {@code block}
	 * @param scenes the scenes the correction is about
	 * @param frameUrls video feedback: URLs of the frames to learn (may be empty)
	 */
	public record Correction(ContentKind kind, String taskId, String dataId, String url, Suggestion suggestion,
			List<String> scenes, String label, String note, List<String> frameUrls) {
	}

	/**
	 * An image of the correction could not be taken; nothing was recorded.
	 *
	 * @see #greenCode()
	 */
	public static final class ImageNotTaken extends RuntimeException {

		private final int greenCode;

		ImageNotTaken(int greenCode, String message) {
			super(message);
			this.greenCode = greenCode;
		}

		/** 400, 480, 589, 590 or 592, as for a scan task. */
		public int greenCode() {
			return greenCode;
		}

	}

	private final ImageLibraries images;

	private final PolicyAdministration policies;

	private final Feedbacks feedbacks;

	private final TransactionTemplate transactions;

	MediaFeedback(ImageLibraries images, PolicyAdministration policies, Feedbacks feedbacks,
			TransactionTemplate transactions) {
		this.images = images;
		this.policies = policies;
		this.feedbacks = feedbacks;
		this.transactions = transactions;
	}

	/**
	 * Checks, learns and records a correction.
	 * @return the feedback library the images went to
	 * @throws InvalidInput for a bad field
	 * @throws ImageNotTaken when an image cannot be fetched or decoded (nothing changes)
	 */
	public Library correct(long tenantId, Correction c) {
		check(c);
		List<String> urls = c.kind() == ContentKind.IMAGE ? List.of(c.url()) : c.frameUrls();
		List<HashedImage> hashed = new ArrayList<>(urls.size());
		List<ImageLibraries.Hashing> all = images.hashAll(urls);
		for (int i = 0; i < all.size(); i++) {
			ImageLibraries.Hashing h = all.get(i);
			if (h.failure() != null) {
				String what = c.kind() == ContentKind.IMAGE ? "url" : "frames[" + i + "].url";
				throw new ImageNotTaken(h.failure().greenCode(), what + ": " + h.failure().getMessage());
			}
			hashed.add(h.image());
		}
		boolean block = c.suggestion() == Suggestion.BLOCK;
		return transactions.execute(tx -> {
			Library library = policies.ensureImageLibrary(tenantId, block ? BLOCK_LIBRARY : PASS_LIBRARY,
					block ? LibraryAction.BLOCK : LibraryAction.PASS);
			List<Long> entries = hashed.isEmpty() ? List.of()
					: policies.addImages(tenantId, library.id(), hashed)
						.stream()
						.map(ImageLibraries.Added::entryId)
						.toList();
			feedbacks.save(tenantId, new Feedbacks.Stored(0, c.kind(), c.taskId(), c.dataId(), c.url(),
					c.suggestion().wire(), c.scenes(), c.label(), c.note(), library.id(), entries));
			return library;
		});
	}

	private static void check(Correction c) {
		if (c.suggestion() == null || c.suggestion() == Suggestion.REVIEW) {
			throw new InvalidInput("suggestion must be \"pass\" or \"block\"");
		}
		if (c.kind() == ContentKind.IMAGE && (c.url() == null || c.url().isBlank())) {
			throw new InvalidInput("url is required: the image to learn");
		}
		if (c.url() != null && c.url().length() > 2048) {
			throw new InvalidInput("url is at most 2048 characters");
		}
		if (c.scenes() == null || c.scenes().isEmpty()) {
			throw new InvalidInput("scenes must be a non-empty array when a suggestion is given");
		}
		// video frames go through the image scenes too
		for (String scene : c.scenes()) {
			if (!ImageScanner.SCENES.contains(scene)) {
				throw new InvalidInput("scenes: unknown scene '" + scene + "'; known: " + ImageScanner.SCENES);
			}
		}
		if (!DataIds.isValid(c.dataId())) {
			throw new InvalidInput(DataIds.RULE);
		}
		if (c.taskId() != null && (c.taskId().isBlank() || c.taskId().length() > 128)) {
			throw new InvalidInput("taskId must be 1-128 characters");
		}
		if (c.label() != null && (c.label().isBlank() || c.label().length() > 64)) {
			throw new InvalidInput("label must be 1-64 characters");
		}
		if (c.note() != null && c.note().length() > 1000) {
			throw new InvalidInput("note is at most 1000 characters");
		}
	}

}
