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
 * @param hits one per hit, with the seconds it was spoken and its utterance
 * @param transcript the utterances with their times, for reviewers
 */
record SpeechFindings(TextVerdict verdict, List<JobResult.SpeechHit> hits, List<Map<String, Object>> transcript) {

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
		List<JobResult.SpeechHit> hits = new ArrayList<>();
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
					String utterance = segmentOfWord.length == 0 ? spoken.text()
							: segmentTexts.get(segmentOfWord[Math.min(span.firstWord(), segmentOfWord.length - 1)]);
					ModerationResult.LibraryRef library = context.library() == null ? null
							: new ModerationResult.LibraryRef(context.library().id(), context.library().name(),
									context.library().code());
					hits.add(new JobResult.SpeechHit(round(span.startSeconds()), round(span.endSeconds()), utterance,
							finding.label(), finding.suggestion(), context.context(), library, context.rule()));
				}
			}
		}
		return new SpeechFindings(verdict, List.copyOf(hits), transcript);
	}

	/** The speech analysis as a check ({@code antispam}): the verdict and its hits. */
	JobResult.MediaCheck check(String name) {
		return new JobResult.MediaCheck(name, verdict.label(), verdict.suggestion(), verdict.rate(), null,
				hits.isEmpty() ? null : hits);
	}

	/**
	 * The hits as reviewers see them beside the transcript ({@code hits} of the review
	 * item's content): {@code startTime}, {@code endTime} (seconds), {@code text} (the
	 * utterance), {@code label}, {@code suggestion}, {@code keyword}, {@code libName?},
	 * {@code libCode?}, {@code ruleType?}.
	 */
	List<Map<String, Object>> reviewHits() {
		List<Map<String, Object>> out = new ArrayList<>(hits.size());
		for (JobResult.SpeechHit hit : hits) {
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("startTime", hit.startSeconds());
			detail.put("endTime", hit.endSeconds());
			detail.put("text", hit.utterance());
			detail.put("label", hit.label());
			detail.put("suggestion", hit.suggestion().wire());
			detail.put("keyword", hit.text());
			if (hit.library() != null) {
				detail.put("libName", hit.library().name());
				detail.put("libCode", hit.library().code());
			}
			if (hit.rule() != null) {
				detail.put("ruleType", hit.rule());
			}
			out.add(detail);
		}
		return out;
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
