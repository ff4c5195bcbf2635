package dev.vetter.moderation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.vetter.detection.DecodedImage;
import dev.vetter.detection.image.NsfwScores;
import dev.vetter.policy.Suggestion;

/**
 * Merges the per-frame findings of one image into its result, the verdict the escalation
 * rules read and what reviewers are shown.
 */
final class ImageResults {

	private ImageResults() {
	}

	static Suggestion worst(List<ImageFindings> frames) {
		Suggestion worst = Suggestion.PASS;
		for (ImageFindings f : frames) {
			worst = worst.max(f.suggestion());
		}
		return worst;
	}

	/** Per scene, the most serious frame (then the highest rate) gives the answer. */
	static List<ImageFindings.Scene> merge(List<ImageFindings> frames) {
		List<ImageFindings.Scene> merged = new ArrayList<>(frames.get(0).scenes());
		for (ImageFindings f : frames.subList(1, frames.size())) {
			for (int i = 0; i < merged.size(); i++) {
				ImageFindings.Scene a = merged.get(i);
				ImageFindings.Scene b = f.scenes().get(i);
				int c = b.suggestion().compareTo(a.suggestion());
				if (c > 0 || (c == 0 && b.suggestion() != Suggestion.PASS && b.rate() > a.rate())) {
					merged.set(i, b);
				}
			}
		}
		return merged;
	}

	static ModerationResult of(String taskId, String dataId, String url, List<String> scenes,
			List<DecodedImage.Frame> decoded, List<ImageFindings> frames) {
		List<ImageFindings.Scene> merged = merge(frames);
		List<ModerationResult.Check> checks = new ArrayList<>(merged.size());
		Map<String, ImageFindings.LibraryHit> libHits = new LinkedHashMap<>();
		for (int i = 0; i < merged.size(); i++) {
			ImageFindings.Scene s = merged.get(i);
			List<ModerationResult.FrameHit> hitFrames = null;
			if (decoded.size() > 1) {
				hitFrames = new ArrayList<>();
				for (int k = 0; k < frames.size(); k++) {
					ImageFindings.Scene fs = frames.get(k).scenes().get(i);
					if (fs.suggestion() != Suggestion.PASS) {
						DecodedImage.Frame frame = decoded.get(k);
						hitFrames
							.add(new ModerationResult.FrameHit(null, fs.rate(), frame.index(), frame.offsetMillis()));
					}
				}
				hitFrames = hitFrames.isEmpty() ? null : hitFrames;
			}
			for (ImageFindings.LibraryHit hit : s.libraryHits()) {
				libHits.putIfAbsent(hit.libCode() + "/" + hit.context(), hit);
			}
			checks.add(new ModerationResult.Check(s.scene(), s.label(), s.suggestion(), s.rate(), null, hitFrames,
					s.hintWords().isEmpty() ? null : s.hintWords(),
					s.qrcodes().isEmpty() ? null
							: s.qrcodes()
								.stream()
								.map(q -> new ModerationResult.QrCode(q.text(), q.x(), q.y(), q.w(), q.h()))
								.toList(),
					"ocr".equals(s.scene()) ? s.ocrLines().stream().map(ImageFindings.Located::text).toList() : null));
		}
		List<ModerationResult.LibraryHit> libraryHits = libHits.isEmpty() ? null
				: libHits.values()
					.stream()
					.map(h -> new ModerationResult.LibraryHit(h.context(), h.libCode(), h.libName()))
					.toList();
		return new ModerationResult(taskId, dataId, ModerationResult.State.DONE, null, null, null, url, checks,
				libraryHits, null);
	}

	/**
	 * The verdict the bizType's escalation rules read: the worst scene's suggestion,
	 * label and rate; a finding per flagged scene, and the classifier's {@code porn} and
	 * {@code sexy} scores (0..100, highest frame) as findings of their own, so label
	 * score ranges apply to the raw scores as well.
	 */
	static TextVerdict summary(String taskId, List<ImageFindings> frames) {
		List<ImageFindings.Scene> merged = merge(frames);
		List<TextVerdict.Finding> findings = new ArrayList<>();
		Suggestion worst = Suggestion.PASS;
		String label = "normal";
		double rate = 99.9;
		for (ImageFindings.Scene s : merged) {
			if (s.suggestion() == Suggestion.PASS) {
				continue;
			}
			findings.add(new TextVerdict.Finding(s.label(), s.suggestion(), s.rate(), List.of()));
			if (s.suggestion().compareTo(worst) > 0) {
				worst = s.suggestion();
				label = s.label();
				rate = s.rate();
			}
		}
		NsfwScores nsfw = strongestNsfw(frames);
		if (nsfw != null) {
			addScore(findings, "porn", nsfw.porn() + nsfw.hentai());
			addScore(findings, "sexy", nsfw.sexy());
		}
		findings.sort(Comparator.comparing(TextVerdict.Finding::suggestion).reversed());
		return new TextVerdict(taskId, "", "", worst, label, rate, List.copyOf(findings));
	}

	private static void addScore(List<TextVerdict.Finding> findings, String label, double score) {
		if (findings.stream().noneMatch(f -> f.label().equals(label))) {
			findings.add(new TextVerdict.Finding(label, Suggestion.PASS, percent(score), List.of()));
		}
	}

	/**
	 * What reviewers see of an image besides the machine result: its URL, the kind of
	 * media (the console serves the stored bytes), and the findings drawn over it: QR
	 * codes and OCR lines with their boxes in original pixels (lines holding a hit word
	 * marked {@code hit}), the hit words, the classifier's scores (percent) and library
	 * hits.
	 */
	static Map<String, Object> reviewSnapshot(String url, List<ImageFindings> frames) {
		List<ImageFindings.Scene> merged = merge(frames);
		Set<String> hintWords = new LinkedHashSet<>();
		Map<String, ImageFindings.Located> qrcodes = new LinkedHashMap<>();
		Map<String, ImageFindings.Located> lines = new LinkedHashMap<>();
		List<Map<String, Object>> libraryHits = new ArrayList<>();
		for (ImageFindings.Scene s : merged) {
			hintWords.addAll(s.hintWords());
			s.qrcodes().forEach(q -> qrcodes.putIfAbsent(key(q), q));
			s.ocrLines().forEach(l -> lines.putIfAbsent(key(l), l));
			for (ImageFindings.LibraryHit hit : s.libraryHits()) {
				libraryHits.add(Map.of("libName", hit.libName(), "libCode", hit.libCode(), "context", hit.context(),
						"distance", hit.distance()));
			}
		}
		Map<String, Object> image = new LinkedHashMap<>();
		image.put("qrcodes", qrcodes.values().stream().map(q -> box(q, null)).toList());
		image.put("ocrLines", lines.values().stream().map(l -> box(l, holdsAny(l.text(), hintWords))).toList());
		image.put("hintWords", List.copyOf(hintWords));
		NsfwScores nsfw = strongestNsfw(frames);
		if (nsfw != null) {
			Map<String, Object> scores = new LinkedHashMap<>();
			scores.put("porn", percent(nsfw.porn() + nsfw.hentai()));
			scores.put("sexy", percent(nsfw.sexy()));
			scores.put("normal", percent(nsfw.neutral() + nsfw.drawing()));
			image.put("nsfw", scores);
		}
		image.put("libraryHits", libraryHits);
		image.put("frames", frames.size());
		Map<String, Object> snapshot = new LinkedHashMap<>();
		if (url != null) {
			snapshot.put("url", url);
		}
		snapshot.put("media", Map.of("kind", "image"));
		snapshot.put("image", image);
		return snapshot;
	}

	private static NsfwScores strongestNsfw(List<ImageFindings> frames) {
		return frames.stream()
			.map(ImageFindings::nsfw)
			.filter(n -> n != null)
			.max(Comparator.comparingDouble(n -> n.porn() + n.hentai() + n.sexy()))
			.orElse(null);
	}

	private static String key(ImageFindings.Located l) {
		return l.text() + "@" + l.x() + "," + l.y() + "," + l.w() + "," + l.h();
	}

	private static Map<String, Object> box(ImageFindings.Located l, Boolean hit) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("text", l.text());
		m.put("x", l.x());
		m.put("y", l.y());
		m.put("w", l.w());
		m.put("h", l.h());
		if (hit != null) {
			m.put("hit", hit);
		}
		return m;
	}

	private static boolean holdsAny(String text, Set<String> words) {
		String lower = text.toLowerCase(Locale.ROOT);
		return words.stream().anyMatch(w -> !w.isBlank() && lower.contains(w.toLowerCase(Locale.ROOT)));
	}

	private static double percent(double score) {
		return Math.round(score * 1000) / 10.0;
	}

}
