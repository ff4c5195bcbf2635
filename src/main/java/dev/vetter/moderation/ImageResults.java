package dev.vetter.moderation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.vetter.detection.DecodedImage;
import dev.vetter.policy.Suggestion;

/** Merges the per-frame findings of one image into its Green task result. */
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

	static TaskResult of(String taskId, String dataId, String url, List<String> scenes,
			List<DecodedImage.Frame> decoded, List<ImageFindings> frames) {
		List<ImageFindings.Scene> merged = merge(frames);
		List<TaskResult.SceneResult> results = new ArrayList<>(merged.size());
		Map<String, ImageFindings.LibraryHit> libHits = new LinkedHashMap<>();
		for (int i = 0; i < merged.size(); i++) {
			ImageFindings.Scene s = merged.get(i);
			List<TaskResult.Frame> hitFrames = null;
			if (decoded.size() > 1) {
				hitFrames = new ArrayList<>();
				for (int k = 0; k < frames.size(); k++) {
					ImageFindings.Scene fs = frames.get(k).scenes().get(i);
					if (fs.suggestion() != Suggestion.PASS) {
						DecodedImage.Frame frame = decoded.get(k);
						hitFrames.add(new TaskResult.Frame(null, fs.rate(), frame.index(), frame.offsetMillis()));
					}
				}
				hitFrames = hitFrames.isEmpty() ? null : hitFrames;
			}
			Set<String> qrData = new LinkedHashSet<>();
			s.qrcodes().forEach(q -> qrData.add(q.text()));
			for (ImageFindings.LibraryHit hit : s.libraryHits()) {
				libHits.putIfAbsent(hit.libCode() + "/" + hit.context(), hit);
			}
			results.add(new TaskResult.SceneResult(s.scene(), s.label(), s.suggestion().wire(), s.rate(), null,
					hitFrames,
					s.hintWords().isEmpty() ? null : s.hintWords().stream().map(TaskResult.HintWord::new).toList(),
					qrData.isEmpty() ? null : List.copyOf(qrData),
					s.qrcodes().isEmpty() ? null
							: s.qrcodes()
								.stream()
								.map(q -> new TaskResult.QrcodeLocation(q.x(), q.y(), q.w(), q.h(), q.text()))
								.toList(),
					"ocr".equals(s.scene()) ? s.ocrLines().stream().map(ImageFindings.Located::text).toList() : null));
		}
		Map<String, Object> extras = null;
		if (!libHits.isEmpty()) {
			extras = Map.of("hitLibInfo",
					libHits.values()
						.stream()
						.map(h -> Map.of("context", h.context(), "libCode", h.libCode(), "libName", h.libName()))
						.toList());
		}
		return new TaskResult(200, "OK", dataId, taskId, null, null, url, results, null, extras);
	}

}
