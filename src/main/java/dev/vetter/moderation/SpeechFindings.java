package dev.vetter.moderation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vetter.detection.SpokenNumbers;
import dev.vetter.detection.SpokenText;
import dev.vetter.detection.Transcript;

/**
 * A transcript judged by the text engine: spoken numbers written as digits first (so a
 * phone number read aloud meets the contact and advertising rules), each hit mapped back
 * to the seconds it was spoken and to its utterance.
 *
 * @param verdict the text verdict on the normalised transcript
 * @param details one entry per hit: {@code startTime}, {@code endTime} (seconds),
 * {@code text} (the utterance), {@code label}, {@code keyword}, {@code libName}
 * @param transcript the utterances with their times, for reviewers
 */
record SpeechFindings(TextVerdict verdict, List<Map<String, Object>> details, List<Map<String, Object>> transcript) {

	static SpeechFindings of(TextModeration text, long tenantId, String bizType, String taskId, Transcript heard) {
		List<Transcript.Word> words = heard.words();
		SpokenText spoken = SpokenNumbers.normalize(words);
		TextVerdict verdict = text.assess(tenantId, bizType, taskId, spoken.text());
		int[] segmentOfWord = new int[words.size()];
		List<String> segmentTexts = new ArrayList<>();
		List<Map<String, Object>> transcript = new ArrayList<>();
		int w = 0;
		for (int s = 0; s < heard.segments().size(); s++) {
			for (int i = 0; i < heard.segments().get(s).words().size() && w < segmentOfWord.length; i++) {
				segmentOfWord[w++] = s;
			}
		}
		// every word's segment is known before any segment's text is put together
		for (int s = 0; s < heard.segments().size(); s++) {
			Transcript.Segment segment = heard.segments().get(s);
			segmentTexts.add(segmentText(spoken, s, segmentOfWord));
			Map<String, Object> utterance = new LinkedHashMap<>();
			utterance.put("startTime", round(segment.startSeconds()));
			utterance.put("endTime", round(segment.endSeconds()));
			utterance.put("text", segmentTexts.get(s));
			transcript.add(utterance);
		}
		List<Map<String, Object>> details = new ArrayList<>();
		for (TextVerdict.Finding finding : verdict.findings()) {
			for (TextVerdict.Context context : finding.contexts()) {
				for (int[] position : context.positions()) {
					SpokenText.Span span;
					try {
						span = spoken.spanOf(position[0], position[1]);
					}
					catch (IllegalArgumentException e) {
						continue;
					}
					Map<String, Object> detail = new LinkedHashMap<>();
					detail.put("startTime", round(span.startSeconds()));
					detail.put("endTime", round(span.endSeconds()));
					detail.put("text", segmentOfWord.length == 0 ? spoken.text()
							: segmentTexts.get(segmentOfWord[Math.min(span.firstWord(), segmentOfWord.length - 1)]));
					detail.put("label", finding.label());
					detail.put("suggestion", finding.suggestion().wire());
					detail.put("keyword", context.context());
					if (context.library() != null) {
						detail.put("libName", context.library().name());
						detail.put("libCode", context.library().code());
					}
					if (context.rule() != null) {
						detail.put("ruleType", context.rule());
					}
					details.add(detail);
				}
			}
		}
		return new SpeechFindings(verdict, details, transcript);
	}

	/** The scene's entry of {@code results} (or {@code audioScanResults}). */
	Map<String, Object> sceneResult(String scene) {
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("scene", scene);
		r.put("label", verdict.label());
		r.put("suggestion", verdict.suggestion().wire());
		r.put("rate", verdict.rate());
		if (!details.isEmpty()) {
			r.put("details", details);
		}
		return r;
	}

	private static String segmentText(SpokenText spoken, int segment, int[] segmentOfWord) {
		StringBuilder sb = new StringBuilder();
		for (SpokenText.Token token : spoken.tokens()) {
			if (token.firstWord() < segmentOfWord.length && segmentOfWord[token.firstWord()] == segment) {
				if (!sb.isEmpty()) {
					sb.append(' ');
				}
				sb.append(token.text());
			}
		}
		return sb.toString();
	}

	private static double round(double seconds) {
		return Math.round(seconds * 100) / 100.0;
	}

}
