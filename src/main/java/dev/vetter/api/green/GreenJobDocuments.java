package dev.vetter.api.green;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vetter.moderation.JobAnswer;
import dev.vetter.moderation.JobResult;
import dev.vetter.moderation.ModerationResult;

import tools.jackson.databind.json.JsonMapper;

/**
 * Green API 1.0 documents of asynchronous jobs, mapped from moderation's
 * {@link JobResult}: {@code data[i]} of {@code /green/{video|voice|image}/results} and
 * the callbacks' {@code content}.
 * <ul>
 * <li>video: {@code {code, msg, dataId?, taskId, url?, results:[{scene, label,
 * suggestion, rate, frames?:[{offset, url, label, suggestion, rate, qrcodeData?,
 * hintWords?}]}], audioScanResults?:[speech], failedFrames?:[{offset, url, code,
 * msg}]}};</li>
 * <li>voice: {@code {..., results:[speech]}}, speech being {@code {scene, label,
 * suggestion, rate, details?:[{startTime, endTime, text, label, suggestion, keyword,
 * libName?, libCode?, ruleType?}]}};</li>
 * <li>image: {@code {..., results, extras?}} as {@link TaskResult} writes a scan.</li>
 * </ul>
 * Key order: the results API answered documents read back from a PostgreSQL {@code jsonb}
 * column, whose objects come out with shorter keys first (then bytewise), while a
 * machine-result callback carried the document as it was written; both orders are kept
 * ({@link #stored} and {@link #machine}) so clients see the same bytes as before the job
 * result had its own model.
 */
public final class GreenJobDocuments {

	private static final Comparator<String> JSONB_KEYS = Comparator
		.<String>comparingInt(k -> k.getBytes(StandardCharsets.UTF_8).length)
		.thenComparing((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
				b.getBytes(StandardCharsets.UTF_8)));

	private GreenJobDocuments() {
	}

	/**
	 * One task's answer of the results API: the status ({@code code}, {@code msg},
	 * {@code dataId?}, {@code taskId}) or the {@link #stored} document.
	 */
	public static Map<String, Object> answer(JobAnswer answer, JsonMapper json) {
		if (answer.result() != null) {
			return stored(answer.result(), json);
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("code", answer.code());
		m.put("msg", answer.message());
		if (answer.dataId() != null) {
			m.put("dataId", answer.dataId());
		}
		m.put("taskId", answer.taskId());
		return m;
	}

	/** The answers of a results or cancel call, in order. */
	public static List<Map<String, Object>> answers(List<JobAnswer> answers, JsonMapper json) {
		return answers.stream().map(a -> answer(a, json)).toList();
	}

	/**
	 * The document as the results API answers it: keys in {@code jsonb} order, then
	 * {@code auditResult} (likewise ordered) once people decided.
	 */
	public static Map<String, Object> stored(JobResult result, JsonMapper json) {
		Map<String, Object> doc = jsonbOrder(machine(result, json));
		if (result.humanVerdict() != null) {
			doc.put("auditResult", jsonbOrder(json.convertValue(TaskResult.audit(result.humanVerdict()), Map.class)));
		}
		return doc;
	}

	/**
	 * The callback {@code content}: the machine result as written; once people decided,
	 * the stored document with {@code auditResult} in its own field order.
	 */
	public static Map<String, Object> callback(JobResult result, JsonMapper json) {
		if (result.humanVerdict() == null) {
			return machine(result, json);
		}
		Map<String, Object> doc = jsonbOrder(machine(result, json));
		doc.put("auditResult", TaskResult.audit(result.humanVerdict()));
		return doc;
	}

	/** The machine result's document, fields in the order they are written. */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> machine(JobResult r, JsonMapper json) {
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("code", 200);
		doc.put("msg", "OK");
		if (r.dataId() != null) {
			doc.put("dataId", r.dataId());
		}
		doc.put("taskId", r.taskId());
		if (r.url() != null) {
			doc.put("url", r.url());
		}
		switch (r.kind()) {
			case IMAGE -> {
				Map<String, Object> written = json
					.convertValue(
							TaskResult.of(new ModerationResult(r.taskId(), r.dataId(), ModerationResult.State.DONE,
									null, null, null, r.url(), r.imageChecks(), r.libraryHits(), null)),
							LinkedHashMap.class);
				doc.put("results", written.get("results"));
				if (written.containsKey("extras")) {
					doc.put("extras", written.get("extras"));
				}
			}
			case VOICE, TEXT -> doc.put("results", r.checks().stream().map(GreenJobDocuments::speech).toList());
			case VIDEO -> {
				doc.put("results", r.checks().stream().map(GreenJobDocuments::frames).toList());
				if (r.audioChecks() != null) {
					doc.put("audioScanResults", r.audioChecks().stream().map(GreenJobDocuments::speech).toList());
				}
				if (r.failedFrames() != null) {
					doc.put("failedFrames", r.failedFrames().stream().map(GreenJobDocuments::failedFrame).toList());
				}
			}
		}
		return doc;
	}

	private static Map<String, Object> frames(JobResult.MediaCheck c) {
		Map<String, Object> r = scene(c);
		if (c.frames() != null) {
			List<Map<String, Object>> frames = new ArrayList<>(c.frames().size());
			for (JobResult.FrameHit hit : c.frames()) {
				Map<String, Object> f = new LinkedHashMap<>();
				f.put("offset", hit.offsetSeconds());
				f.put("url", hit.url());
				f.put("label", hit.label());
				f.put("suggestion", hit.suggestion().wire());
				f.put("rate", hit.rate());
				if (hit.qrcodes() != null) {
					f.put("qrcodeData", hit.qrcodes());
				}
				if (hit.hintWords() != null) {
					f.put("hintWords", hit.hintWords());
				}
				frames.add(f);
			}
			r.put("frames", frames);
		}
		return r;
	}

	private static Map<String, Object> speech(JobResult.MediaCheck c) {
		Map<String, Object> r = scene(c);
		if (c.hits() != null) {
			List<Map<String, Object>> details = new ArrayList<>(c.hits().size());
			for (JobResult.SpeechHit hit : c.hits()) {
				Map<String, Object> d = new LinkedHashMap<>();
				d.put("startTime", hit.startSeconds());
				d.put("endTime", hit.endSeconds());
				d.put("text", hit.utterance());
				d.put("label", hit.label());
				d.put("suggestion", hit.suggestion().wire());
				d.put("keyword", hit.text());
				if (hit.library() != null) {
					d.put("libName", hit.library().name());
					d.put("libCode", hit.library().code());
				}
				if (hit.rule() != null) {
					d.put("ruleType", hit.rule());
				}
				details.add(d);
			}
			r.put("details", details);
		}
		return r;
	}

	private static Map<String, Object> scene(JobResult.MediaCheck c) {
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("scene", c.name());
		r.put("label", c.label());
		r.put("suggestion", c.suggestion().wire());
		r.put("rate", c.rate());
		return r;
	}

	private static Map<String, Object> failedFrame(JobResult.FailedFrame frame) {
		Map<String, Object> f = new LinkedHashMap<>();
		f.put("offset", frame.offsetSeconds());
		f.put("url", frame.url());
		f.put("code", frame.code());
		f.put("msg", frame.message());
		return f;
	}

	/** A copy whose objects have their keys in PostgreSQL {@code jsonb} order. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> jsonbOrder(Map<String, Object> map) {
		List<String> keys = new ArrayList<>(map.keySet());
		keys.sort(JSONB_KEYS);
		Map<String, Object> out = new LinkedHashMap<>();
		for (String key : keys) {
			out.put(key, jsonbValue(map.get(key)));
		}
		return out;
	}

	@SuppressWarnings("unchecked")
	private static Object jsonbValue(Object value) {
		if (value instanceof Map<?, ?> m) {
			return jsonbOrder((Map<String, Object>) m);
		}
		if (value instanceof List<?> list) {
			return list.stream().map(GreenJobDocuments::jsonbValue).toList();
		}
		return value;
	}

}
