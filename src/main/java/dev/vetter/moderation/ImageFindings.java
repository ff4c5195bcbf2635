package dev.vetter.moderation;

import java.util.List;

import dev.vetter.detection.image.NsfwScores;
import dev.vetter.policy.Suggestion;

/**
 * What {@link ImageScanner} found in one picture (a still image, a GIF frame or a video
 * frame), one {@link Scene} per requested scene, in request order.
 *
 * @param scenes per requested scene
 * @param nsfw the classifier's scores when the {@code porn} scene ran, else null (shown
 * to reviewers)
 */
public record ImageFindings(List<Scene> scenes, NsfwScores nsfw) {

	public ImageFindings {
		scenes = List.copyOf(scenes);
	}

	public ImageFindings(List<Scene> scenes) {
		this(scenes, null);
	}

	/** The most serious suggestion over all scenes. */
	public Suggestion suggestion() {
		Suggestion worst = Suggestion.PASS;
		for (Scene s : scenes) {
			worst = worst.max(s.suggestion());
		}
		return worst;
	}

	/**
	 * One scene's answer.
	 *
	 * @param scene Green scene name ({@code porn}, {@code ad}, {@code qrcode}, ...)
	 * @param label Green label of the scene, {@code normal} when nothing was found
	 * @param suggestion pass, review or block
	 * @param rate confidence 0..100
	 * @param hintWords words of the image's text that were hit ({@code ad} and
	 * {@code terrorism} scenes)
	 * @param qrcodes QR codes with their boxes ({@code qrcode} and {@code ad} scenes)
	 * @param ocrLines recognised lines with their boxes ({@code ocr} scene, and the lines
	 * that held hint words for {@code ad})
	 * @param libraryHits image library entries matched ({@code extras.hitLibInfo})
	 */
	public record Scene(String scene, String label, Suggestion suggestion, double rate, List<String> hintWords,
			List<Located> qrcodes, List<Located> ocrLines, List<LibraryHit> libraryHits) {

		public Scene {
			hintWords = List.copyOf(hintWords);
			qrcodes = List.copyOf(qrcodes);
			ocrLines = List.copyOf(ocrLines);
			libraryHits = List.copyOf(libraryHits);
		}

		static Scene normal(String scene, double rate) {
			return new Scene(scene, "normal", Suggestion.PASS, rate, List.of(), List.of(), List.of(), List.of());
		}

	}

	/** A text (QR code content or an OCR line) and its box in original-image pixels. */
	public record Located(String text, int x, int y, int w, int h) {
	}

	/**
	 * A match in a custom image library.
	 *
	 * @param distance Hamming distance of the PDQ hashes (0..256)
	 */
	public record LibraryHit(String libName, String libCode, String context, int distance) {
	}

}
