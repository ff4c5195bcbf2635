package dev.vetter.moderation;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import dev.vetter.detection.DecodedImage;
import dev.vetter.detection.ImageBox;
import dev.vetter.detection.QrCode;
import dev.vetter.detection.image.NsfwClassifier;
import dev.vetter.detection.image.NsfwScores;
import dev.vetter.detection.image.OcrLine;
import dev.vetter.detection.image.OcrResult;
import dev.vetter.detection.image.QrCodeDetector;
import dev.vetter.detection.image.TextRecognizer;
import dev.vetter.detection.image.PdqHasher;
import dev.vetter.policy.ImageLibraryMatch;
import dev.vetter.policy.ImagePolicy;
import dev.vetter.policy.LibraryAction;
import dev.vetter.policy.PolicyCatalog;
import dev.vetter.policy.Suggestion;

/**
 * The per-picture image analysis: runs the detectors a set of scenes needs on one frame
 * (a still image, a GIF frame, a video frame) and judges them under the tenant's bizType
 * policy. Shared by image tasks and video frames; no task is stored here, nothing is
 * escalated (the caller decides for the whole item).
 * <p>
 * Scenes: {@code porn} (NSFW classifier: {@code porn}, {@code sexy}, {@code normal};
 * review only unless the bizType's {@code image.pornBlock}/{@code sexyBlock} or
 * {@code vetter.moderation.image.porn-block} says otherwise), {@code qrcode} (QR codes
 * with data and boxes; {@code review} or {@code block} per the bizType's
 * {@code image.qrcode}), {@code ad} (QR codes, and the OCR text run through the text
 * engine with the tenant's text libraries), {@code ocr} (the recognised lines),
 * {@code terrorism}, {@code live}, {@code logo} (no model here: only the OCR text's
 * {@code politics}/{@code terrorism} hits for {@code terrorism}, otherwise
 * {@code normal}). Native work is bounded: the OCR engines are a fixed pool, and NSFW
 * classifications are capped by a semaphore ({@code nsfw-concurrency}).
 */
@Service
public class ImageScanner {

	/** The scenes an image scan accepts. */
	public static final Set<String> SCENES = Set.of("porn", "terrorism", "ad", "qrcode", "live", "logo", "ocr");

	/** Text labels the {@code ad} scene reports from the image's text. */
	static final Set<String> AD_TEXT_LABELS = Set.of("ad", "spam", "porn", "abuse", "contraband", "customized");

	/** Text labels the {@code terrorism} scene reports from the image's text. */
	static final Set<String> TERRORISM_TEXT_LABELS = Set.of("politics", "terrorism");

	private static final Set<String> NEEDS_OCR = Set.of("ad", "ocr", "terrorism");

	private static final double NORMAL_RATE = 99.9;

	private static final double QRCODE_RATE = 99.0;

	private final ObjectProvider<NsfwClassifier> nsfw;

	private final ObjectProvider<TextRecognizer> ocr;

	private final QrCodeDetector qrcodes;

	private final TextModeration text;

	private final ImageScanProperties properties;

	private final Semaphore nsfwPermits;

	private final PolicyCatalog catalog;

	private final PdqHasher pdq;

	ImageScanner(ObjectProvider<NsfwClassifier> nsfw, ObjectProvider<TextRecognizer> ocr, QrCodeDetector qrcodes,
			TextModeration text, ImageScanProperties properties, PolicyCatalog catalog, PdqHasher pdq) {
		this.catalog = catalog;
		this.pdq = pdq;
		this.nsfw = nsfw;
		this.ocr = ocr;
		this.qrcodes = qrcodes;
		this.text = text;
		this.properties = properties;
		this.nsfwPermits = new Semaphore(properties.nsfwConcurrency(), true);
	}

	/**
	 * As {@link #scan(long, String, DecodedImage.Frame, Collection)} for a whole picture.
	 */
	public ImageFindings scan(long tenantId, String bizType, BufferedImage image, Collection<String> scenes) {
		return scan(tenantId, bizType, new DecodedImage.Frame(0, 0, image, 1.0), scenes);
	}

	/**
	 * Runs the detectors the scenes need on one frame and answers each scene.
	 * @param scenes Green scene names, a subset of {@link #SCENES}; others are answered
	 * {@code normal}
	 * @throws ImageAnalysisFailed when a model cannot run (OCR busy or failing, a model
	 * that cannot load)
	 */
	public ImageFindings scan(long tenantId, String bizType, DecodedImage.Frame frame, Collection<String> scenes) {
		Set<String> wanted = new LinkedHashSet<>(scenes);
		ImagePolicy policy = catalog.imagePolicy(tenantId, bizType);
		ImageScanProperties.Thresholds thresholds = properties.thresholds(policy.policy().image());
		List<ImageLibraryMatch> matches = policy.hasLibraries() ? policy.matches(pdq.detect(frame)) : List.of();
		LibraryAction decisive = decisive(matches);
		// a PASS (allow-list) or BLOCK hit decides every scene but the informational ocr:
		// the detectors would change nothing
		boolean decided = decisive == LibraryAction.PASS || decisive == LibraryAction.BLOCK;
		Set<String> detect = decided ? (wanted.contains("ocr") ? Set.of("ocr") : Set.of()) : wanted;
		List<ImageFindings.Located> codes = detect.contains("qrcode") || detect.contains("ad") ? qrcodes(frame)
				: List.of();
		List<ImageFindings.Located> lines = detect.stream().anyMatch(NEEDS_OCR::contains) ? ocr(frame) : List.of();
		TextVerdict textVerdict = lines.isEmpty() || decided ? null : text.analyze(tenantId, bizType,
				String.join("\n", lines.stream().map(ImageFindings.Located::text).toList()));
		NsfwScores nsfwScores = detect.contains("porn") ? classify(frame) : null;
		List<ImageFindings.Scene> out = new ArrayList<>(wanted.size());
		for (String scene : wanted) {
			if (decisive != null && !"ocr".equals(scene)) {
				out.add(libraryScene(scene, decisive, matches, detect.contains(scene)
						? detected(scene, thresholds, nsfwScores, codes, lines, textVerdict) : null));
				continue;
			}
			out.add(detected(scene, thresholds, nsfwScores, codes, lines, textVerdict));
		}
		return new ImageFindings(out, nsfwScores);
	}

	/** What the library hits decide: PASS (allow-list) first, then BLOCK, then REVIEW. */
	private static LibraryAction decisive(List<ImageLibraryMatch> matches) {
		LibraryAction out = null;
		for (ImageLibraryMatch m : matches) {
			LibraryAction a = m.library().action();
			if (a == LibraryAction.PASS) {
				return a;
			}
			if (out == null || a == LibraryAction.BLOCK) {
				out = a;
			}
		}
		return out;
	}

	/**
	 * A scene decided (or raised) by library hits: PASS answers {@code normal}/pass,
	 * BLOCK and REVIEW answer {@code customized} unless the detectors found something
	 * more serious. The hits travel with the scene ({@code extras.hitLibInfo}).
	 */
	private static ImageFindings.Scene libraryScene(String scene, LibraryAction action, List<ImageLibraryMatch> matches,
			ImageFindings.Scene detected) {
		List<ImageFindings.LibraryHit> hits = matches.stream()
			.filter(m -> (action == LibraryAction.PASS) == (m.library().action() == LibraryAction.PASS))
			.map(m -> new ImageFindings.LibraryHit(m.library().name(), m.library().code(), m.entryHash().toHex(),
					m.distance()))
			.toList();
		if (action == LibraryAction.PASS) {
			return new ImageFindings.Scene(scene, "normal", Suggestion.PASS, NORMAL_RATE, List.of(), List.of(),
					List.of(), hits);
		}
		Suggestion suggestion = action == LibraryAction.BLOCK ? Suggestion.BLOCK : Suggestion.REVIEW;
		if (detected != null && detected.suggestion().compareTo(suggestion) > 0) {
			return new ImageFindings.Scene(scene, detected.label(), detected.suggestion(), detected.rate(),
					detected.hintWords(), detected.qrcodes(), detected.ocrLines(), hits);
		}
		double rate = Math.round((1 - hits.get(0).distance() / 256.0) * 1000) / 10.0;
		return new ImageFindings.Scene(scene, "customized", suggestion, rate,
				detected == null ? List.of() : detected.hintWords(), detected == null ? List.of() : detected.qrcodes(),
				List.of(), hits);
	}

	private static ImageFindings.Scene detected(String scene, ImageScanProperties.Thresholds thresholds,
			NsfwScores nsfwScores, List<ImageFindings.Located> codes, List<ImageFindings.Located> lines,
			TextVerdict textVerdict) {
		return switch (scene) {
			case "porn" -> porn(nsfwScores, thresholds);
			case "qrcode" ->
				codes.isEmpty() ? ImageFindings.Scene.normal(scene, NORMAL_RATE) : new ImageFindings.Scene(scene,
						"qrcode", thresholds.qrcode(), QRCODE_RATE, List.of(), codes, List.of(), List.of());
			case "ad" -> ad(codes, lines, textVerdict, thresholds.qrcode());
			case "ocr" -> new ImageFindings.Scene(scene, "normal", Suggestion.PASS, NORMAL_RATE, List.of(), List.of(),
					lines, List.of());
			case "terrorism" -> fromText(scene, lines, textVerdict, TERRORISM_TEXT_LABELS);
			default -> ImageFindings.Scene.normal(scene, NORMAL_RATE);
		};
	}

	private NsfwScores classify(DecodedImage.Frame frame) {
		try {
			nsfwPermits.acquire();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ImageAnalysisFailed("interrupted while waiting for the NSFW classifier", e);
		}
		try {
			return nsfw.getObject().classify(frame.image());
		}
		catch (RuntimeException e) {
			throw new ImageAnalysisFailed("NSFW classifier failed: " + e.getMessage(), e);
		}
		finally {
			nsfwPermits.release();
		}
	}

	/**
	 * Scene {@code porn} from the classifier's scores: a block threshold reached wins
	 * over a review one, {@code porn} over {@code sexy} at the same suggestion.
	 */
	static ImageFindings.Scene porn(NsfwScores scores, ImageScanProperties.Thresholds thresholds) {
		double porn = scores.porn() + scores.hentai();
		double sexy = scores.sexy();
		if (porn >= thresholds.pornBlock()) {
			return scene("porn", "porn", Suggestion.BLOCK, porn);
		}
		if (sexy >= thresholds.sexyBlock()) {
			return scene("porn", "sexy", Suggestion.BLOCK, sexy);
		}
		if (porn >= thresholds.pornReview()) {
			return scene("porn", "porn", Suggestion.REVIEW, porn);
		}
		if (sexy >= thresholds.sexyReview()) {
			return scene("porn", "sexy", Suggestion.REVIEW, sexy);
		}
		return scene("porn", "normal", Suggestion.PASS, 1 - Math.max(porn, sexy));
	}

	private static ImageFindings.Scene scene(String scene, String label, Suggestion suggestion, double score) {
		return new ImageFindings.Scene(scene, label, suggestion, Math.round(score * 1000) / 10.0, List.of(), List.of(),
				List.of(), List.of());
	}

	private static ImageFindings.Scene ad(List<ImageFindings.Located> codes, List<ImageFindings.Located> lines,
			TextVerdict verdict, Suggestion qrcode) {
		ImageFindings.Scene fromText = fromText("ad", lines, verdict, AD_TEXT_LABELS);
		if (codes.isEmpty()) {
			return fromText;
		}
		if (fromText.suggestion().compareTo(qrcode) > 0) {
			return new ImageFindings.Scene("ad", fromText.label(), fromText.suggestion(), fromText.rate(),
					fromText.hintWords(), codes, fromText.ocrLines(), List.of());
		}
		return new ImageFindings.Scene("ad", "qrcode", qrcode, QRCODE_RATE, fromText.hintWords(), codes,
				fromText.ocrLines(), List.of());
	}

	private static ImageFindings.Scene fromText(String scene, List<ImageFindings.Located> lines, TextVerdict verdict,
			Set<String> labels) {
		if (verdict == null) {
			return ImageFindings.Scene.normal(scene, NORMAL_RATE);
		}
		List<TextVerdict.Finding> findings = verdict.findings()
			.stream()
			.filter(f -> labels.contains(f.label()))
			.toList();
		if (findings.isEmpty()) {
			return ImageFindings.Scene.normal(scene, NORMAL_RATE);
		}
		// findings come most serious first
		TextVerdict.Finding top = findings.get(0);
		Set<String> hints = new LinkedHashSet<>();
		for (TextVerdict.Finding f : findings) {
			for (TextVerdict.Context c : f.contexts()) {
				hints.add(c.context());
			}
		}
		List<ImageFindings.Located> hitLines = lines.stream()
			.filter(l -> hints.stream()
				.anyMatch(h -> l.text().toLowerCase(Locale.ROOT).contains(h.toLowerCase(Locale.ROOT))))
			.toList();
		String label = "terrorism".equals(scene) && "terrorism".equals(top.label()) ? "others" : top.label();
		return new ImageFindings.Scene(scene, label, top.suggestion(), top.rate(), List.copyOf(hints), List.of(),
				hitLines, List.of());
	}

	private List<ImageFindings.Located> qrcodes(DecodedImage.Frame frame) {
		List<ImageFindings.Located> out = new ArrayList<>();
		for (QrCode code : qrcodes.detect(frame)) {
			ImageBox b = code.location();
			out.add(new ImageFindings.Located(code.text(), b.x(), b.y(), b.w(), b.h()));
		}
		return out;
	}

	private List<ImageFindings.Located> ocr(DecodedImage.Frame frame) {
		OcrResult result;
		try {
			result = ocr.getObject().recognize(frame.image());
		}
		catch (RuntimeException e) {
			throw new ImageAnalysisFailed("OCR failed: " + e.getMessage(), e);
		}
		List<ImageFindings.Located> out = new ArrayList<>(result.lines().size());
		for (OcrLine line : result.lines()) {
			ImageBox b = frame.toOriginal(line.x(), line.y(), line.width(), line.height());
			out.add(new ImageFindings.Located(line.text(), b.x(), b.y(), b.w(), b.h()));
		}
		return out;
	}

}
