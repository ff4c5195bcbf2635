package dev.vetter.api.green2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.vetter.moderation.AsyncJob;
import dev.vetter.moderation.JobResult;
import dev.vetter.moderation.ModerationResult;
import dev.vetter.policy.Suggestion;

/**
 * Green API 2.0 shapes of media results (field names of the {@code green20220302} 2.2.4
 * models {@code ImageModerationResponseBody},
 * {@code DescribeImageModerationResultResponseBody},
 * {@code VideoModerationResultResponseBody}, {@code VoiceModerationResultResponseBody}),
 * mapped from moderation's results ({@link ModerationResult} of a scan, {@link JobResult}
 * of a job), the same the 1.0 adapter maps, so both APIs report the same findings.
 * Vetter's findings become Alibaba's 2.0 image labels ({@link #imageLabel}); speech
 * findings use the 2.0 text labels ({@link Green2Results#label}). The newer models'
 * {@code RiskLevel} and {@code Description} are added (older SDKs ignore them).
 */
final class Green2MediaResults {

	static final String NON_LABEL = "nonLabel";

	/** The image service whose labels a video's frames are reported under. */
	static final String FRAME_SERVICE = "baselineCheck";

	/**
	 * {@code scene/label} of a 1.0 image finding → the 2.0 label (Alibaba's Image
	 * Moderation 2.0 label list; {@code _tii}: text in the image). A QR code is
	 * {@code pt_qrCode} in every scene.
	 */
	private static final Map<String, String> IMAGE_LABELS = Map.ofEntries(
			Map.entry("porn/porn", "pornographic_adultContent"), Map.entry("porn/sexy", "sexual_suggestiveContent"),
			Map.entry("ad/ad", "pt_toDirectContact_tii"), Map.entry("ad/spam", "pt_toDirectContact_tii"),
			Map.entry("ad/porn", "pornographic_adultContent_tii"), Map.entry("ad/abuse", "profanity_offensive_tii"),
			Map.entry("ad/contraband", "contraband_drug_tii"), Map.entry("ad/customized", "customized"),
			Map.entry("terrorism/others", "violent_horrific_tii"),
			Map.entry("terrorism/politics", "political_politicalFigure_name_tii"));

	private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
			Map.entry("pornographic_adultContent", "Suspected adult pornographic content"),
			Map.entry("sexual_suggestiveContent", "Suspected sexually suggestive content"),
			Map.entry("pt_qrCode", "Contains a QR code"),
			Map.entry("pt_toDirectContact_tii", "Text in the image suspected of diverting to contact details"),
			Map.entry("pornographic_adultContent_tii", "Text in the image suspected to be pornographic"),
			Map.entry("profanity_offensive_tii", "Text in the image suspected to be offensive"),
			Map.entry("contraband_drug_tii", "Text in the image suspected to describe contraband"),
			Map.entry("violent_horrific_tii", "Text in the image suspected to describe violence or terror"),
			Map.entry("political_politicalFigure_name_tii", "Text in the image suspected to be political"),
			Map.entry("customized", "Matched a custom library"), Map.entry(NON_LABEL, "No risk"));

	private Green2MediaResults() {
	}

	/** The 2.0 label of a 1.0 image finding ({@code scene}, {@code label}). */
	static String imageLabel(String scene, String label) {
		if ("qrcode".equals(label)) {
			return "pt_qrCode";
		}
		String mapped = IMAGE_LABELS.get(scene + "/" + label);
		return mapped != null ? mapped : label;
	}

	/**
	 * {@code ImageModerationResponseBody.Data}: {@code DataId?}, {@code Result[{Label,
	 * Confidence, Description, RiskLevel}]} ({@code nonLabel} when nothing was found),
	 * {@code RiskLevel}.
	 */
	static Map<String, Object> imageData(String dataId, List<ModerationResult.Check> checks) {
		Map<String, Object> data = new LinkedHashMap<>();
		if (dataId != null) {
			data.put("DataId", dataId);
		}
		Labels labels = new Labels();
		for (ModerationResult.Check c : checks == null ? List.<ModerationResult.Check>of() : checks) {
			if (c.suggestion() != Suggestion.PASS) {
				labels.add(imageLabel(c.name(), c.label()), c.rate(), c.suggestion());
			}
		}
		data.put("Result", labels.result(true));
		data.put("RiskLevel", Green2Results.riskLevel(labels.worst.wire()));
		return data;
	}

	/**
	 * The 2.0 {@code Data} of an asynchronous job's result: the video, voice or image
	 * result shape, plus the human verdict once people decided ({@code RiskLevel} then
	 * follows the verdict, {@code AuditResult {Suggestion, Labels, Note?, ReviewedAt,
	 * Reviews}}).
	 */
	static Map<String, Object> jobData(AsyncJob job, JobResult result) {
		Map<String, Object> data = switch (result.kind()) {
			case VIDEO -> videoData(job, result);
			case VOICE -> voiceData(result);
			case IMAGE -> describeImageData(result);
			case TEXT -> throw new IllegalArgumentException("text has no 2.0 job shape");
		};
		ModerationResult.HumanVerdict verdict = result.humanVerdict();
		if (verdict != null) {
			data.put("RiskLevel", Green2Results.riskLevel(verdict.suggestion()));
			data.put("AuditResult", Green2Results.auditResult(verdict));
		}
		return data;
	}

	/**
	 * {@code DescribeImageModerationResultResponseBody.Data}: {@code ReqId} (the task
	 * id), {@code DataId?}, {@code Result}, {@code RiskLevel}.
	 */
	static Map<String, Object> describeImageData(JobResult result) {
		Map<String, Object> data = new LinkedHashMap<>();
		if (result.taskId() != null) {
			data.put("ReqId", result.taskId());
		}
		data.putAll(imageData(result.dataId(), result.imageChecks()));
		return data;
	}

	/**
	 * {@code VideoModerationResultResponseBody.Data}: {@code DataId?}, {@code TaskId},
	 * {@code RiskLevel}, {@code FrameResult {FrameNum, FrameSummarys[{Label, LabelSum}],
	 * Frames[{Offset, TempUrl, Results[{Service, Result[{Label, Confidence}]}]}]}} (the
	 * flagged frames), {@code AudioResult {AudioSummarys, SliceDetails}} when the audio
	 * track was scanned.
	 */
	static Map<String, Object> videoData(AsyncJob job, JobResult result) {
		Map<String, Object> data = new LinkedHashMap<>();
		if (result.dataId() != null) {
			data.put("DataId", result.dataId());
		}
		data.put("TaskId", result.taskId());
		Suggestion worst = Suggestion.PASS;
		TreeMap<Double, Labels> frames = new TreeMap<>();
		Map<Double, String> urls = new LinkedHashMap<>();
		for (JobResult.MediaCheck check : result.checks()) {
			worst = worst.max(check.suggestion());
			for (JobResult.FrameHit frame : check.frames() == null ? List.<JobResult.FrameHit>of() : check.frames()) {
				double offset = frame.offsetSeconds();
				frames.computeIfAbsent(offset, o -> new Labels())
					.add(imageLabel(check.name(), frame.label()), frame.rate(), frame.suggestion());
				urls.putIfAbsent(offset, frame.url());
			}
		}
		Map<String, Integer> summary = new LinkedHashMap<>();
		List<Map<String, Object>> frameList = new ArrayList<>();
		frames.forEach((offset, labels) -> {
			labels.byLabel.keySet().forEach(l -> summary.merge(l, 1, Integer::sum));
			Map<String, Object> f = new LinkedHashMap<>();
			f.put("Offset", offset);
			if (urls.get(offset) != null) {
				f.put("TempUrl", urls.get(offset));
			}
			f.put("Results", List.of(ordered("Service", FRAME_SERVICE, "Result", labels.result(false))));
			frameList.add(f);
		});
		Map<String, Object> frameResult = new LinkedHashMap<>();
		int sampled = job.progress() == null ? 0 : job.progress().framesTotal();
		frameResult.put("FrameNum", Math.max(sampled, frames.size()));
		frameResult.put("FrameSummarys", summaries(summary));
		frameResult.put("Frames", frameList);
		JobResult.MediaCheck audio = result.audioChecks() == null || result.audioChecks().isEmpty() ? null
				: result.audioChecks().get(0);
		if (audio != null) {
			worst = worst.max(audio.suggestion());
		}
		data.put("RiskLevel", Green2Results.riskLevel(worst.wire()));
		data.put("FrameResult", frameResult);
		if (audio != null) {
			List<Map<String, Object>> slices = slices(audio);
			Map<String, Object> audioResult = new LinkedHashMap<>();
			audioResult.put("AudioSummarys", summaries(sliceSummary(slices)));
			audioResult.put("SliceDetails", slices);
			data.put("AudioResult", audioResult);
		}
		return data;
	}

	/**
	 * {@code VoiceModerationResultResponseBody.Data}: {@code DataId?}, {@code TaskId},
	 * {@code Url}, {@code RiskLevel}, {@code SliceDetails}.
	 */
	static Map<String, Object> voiceData(JobResult result) {
		Map<String, Object> data = new LinkedHashMap<>();
		if (result.dataId() != null) {
			data.put("DataId", result.dataId());
		}
		data.put("TaskId", result.taskId());
		if (result.url() != null) {
			data.put("Url", result.url());
		}
		JobResult.MediaCheck speech = result.checks() == null || result.checks().isEmpty() ? null
				: result.checks().get(0);
		data.put("RiskLevel", Green2Results.riskLevel(speech != null ? speech.suggestion().wire() : null));
		data.put("SliceDetails", speech != null ? slices(speech) : List.of());
		return data;
	}

	/**
	 * The utterances that hold findings, one slice each: {@code StartTime},
	 * {@code EndTime} (whole seconds around the hits), {@code Text}, {@code Labels} and
	 * {@code RiskTips} (2.0 text labels, comma-separated), {@code RiskWords},
	 * {@code Score}.
	 */
	private static List<Map<String, Object>> slices(JobResult.MediaCheck speech) {
		Map<String, Slice> byText = new LinkedHashMap<>();
		for (JobResult.SpeechHit hit : speech.hits() == null ? List.<JobResult.SpeechHit>of() : speech.hits()) {
			String text = hit.utterance();
			Slice slice = byText.computeIfAbsent(text == null ? "" : text, t -> new Slice());
			slice.start = Math.min(slice.start, hit.startSeconds());
			slice.end = Math.max(slice.end, hit.endSeconds());
			slice.labels.add(Green2Results.label(hit.label()));
			if (hit.text() != null) {
				slice.words.add(hit.text());
			}
		}
		double score = speech.rate();
		List<Map<String, Object>> out = new ArrayList<>(byText.size());
		byText.forEach((text, slice) -> {
			Map<String, Object> s = new LinkedHashMap<>();
			s.put("StartTime", (long) Math.floor(slice.start));
			s.put("EndTime", (long) Math.ceil(slice.end));
			s.put("Text", text);
			s.put("Labels", String.join(",", slice.labels));
			s.put("RiskTips", String.join(",", slice.labels));
			s.put("RiskWords", String.join(",", slice.words));
			s.put("Score", score);
			out.add(s);
		});
		return out;
	}

	private static Map<String, Integer> sliceSummary(List<Map<String, Object>> slices) {
		Map<String, Integer> summary = new LinkedHashMap<>();
		for (Map<String, Object> slice : slices) {
			for (String label : ((String) slice.get("Labels")).split(",")) {
				summary.merge(label, 1, Integer::sum);
			}
		}
		return summary;
	}

	private static List<Map<String, Object>> summaries(Map<String, Integer> counts) {
		List<Map<String, Object>> out = new ArrayList<>(counts.size());
		counts.forEach((label, n) -> out.add(ordered("Label", label, "LabelSum", n)));
		return out;
	}

	/**
	 * Two fields in this order ({@code Map.of} iterates in an order that changes from one
	 * run to the next, so the same result was written differently).
	 */
	private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put(k1, v1);
		m.put(k2, v2);
		return m;
	}

	/** 2.0 labels found in one picture, the highest confidence per label. */
	private static final class Labels {

		private final Map<String, Double> byLabel = new LinkedHashMap<>();

		private final Map<String, Suggestion> levels = new LinkedHashMap<>();

		private Suggestion worst = Suggestion.PASS;

		void add(String label, double confidence, Suggestion suggestion) {
			byLabel.merge(label, confidence, Math::max);
			levels.merge(label, suggestion, Suggestion::max);
			worst = worst.max(suggestion);
		}

		/** {@code Result[]}: {@code nonLabel} when empty. */
		List<Map<String, Object>> result(boolean describe) {
			List<Map<String, Object>> out = new ArrayList<>();
			byLabel.forEach((label, confidence) -> {
				Map<String, Object> r = new LinkedHashMap<>();
				r.put("Label", label);
				r.put("Confidence", confidence);
				if (describe) {
					r.put("Description", DESCRIPTIONS.getOrDefault(label, label));
					r.put("RiskLevel", Green2Results.riskLevel(levels.get(label).wire()));
				}
				out.add(r);
			});
			if (out.isEmpty() && describe) {
				Map<String, Object> none = new LinkedHashMap<>();
				none.put("Label", NON_LABEL);
				none.put("Description", DESCRIPTIONS.get(NON_LABEL));
				none.put("RiskLevel", "none");
				out.add(none);
			}
			return out;
		}

	}

	/** The hits of one utterance. */
	private static final class Slice {

		private double start = Double.MAX_VALUE;

		private double end;

		private final Set<String> labels = new LinkedHashSet<>();

		private final Set<String> words = new LinkedHashSet<>();

	}

}
