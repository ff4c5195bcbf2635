package dev.vetter.api.green2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.vetter.moderation.ModerationResult;
import dev.vetter.policy.Suggestion;

import tools.jackson.databind.json.JsonMapper;

/**
 * Green API 2.0 result shapes (field names of the {@code green20220302} 2.2.4 models),
 * mapped from moderation's {@link ModerationResult}, as the 1.0 adapter's are. Label
 * vocabulary: 1.0 labels become their 2.0 names ({@link #label}); anything else passes
 * through unchanged.
 */
final class Green2Results {

	private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("abuse", "profanity"),
			Map.entry("porn", "sexual_content"), Map.entry("politics", "political_content"),
			Map.entry("terrorism", "violence"), Map.entry("contraband", "contraband"), Map.entry("ad", "ad"),
			Map.entry("spam", "ad"), Map.entry("flood", "nonsense"), Map.entry("meaningless", "nonsense"),
			Map.entry("customized", "customized"));

	private Green2Results() {
	}

	/** The 2.0 name of a 1.0 label. */
	static String label(String green1) {
		return LABELS.getOrDefault(green1, green1);
	}

	/** {@code high | medium | none} of a suggestion. */
	static String riskLevel(String suggestion) {
		return switch (suggestion == null ? "pass" : suggestion) {
			case "block" -> "high";
			case "review" -> "medium";
			default -> "none";
		};
	}

	/**
	 * {@code TextModerationResponseBody.Data}, whose fields alone are camelCase in the
	 * SDK model: {@code labels} (comma-separated 2.0 labels, empty when normal),
	 * {@code reason} (JSON string with {@code riskTips}, {@code riskWords}, and for
	 * custom library hits {@code customizedWords}, {@code customizedLibs}); plus
	 * {@code dataId}, {@code taskId}. With {@code pascalCase} (callbacks):
	 * {@code Labels}, {@code Reason}, {@code DataId}, {@code TaskId}.
	 */
	static Map<String, Object> textData(ModerationResult result, JsonMapper json, boolean pascalCase) {
		Findings f = Findings.of(result);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put(pascalCase ? "Labels" : "labels", String.join(",", f.labels));
		if (f.labels.isEmpty()) {
			data.put(pascalCase ? "Reason" : "reason", "");
		}
		else {
			Map<String, Object> reason = new LinkedHashMap<>();
			reason.put("riskTips", String.join(",", f.labels));
			reason.put("riskWords", String.join(",", f.words));
			if (!f.libWords.isEmpty()) {
				reason.put("customizedWords", String.join(",", f.libWords));
				reason.put("customizedLibs", String.join(",", f.libs));
			}
			data.put(pascalCase ? "Reason" : "reason", json.writeValueAsString(reason));
		}
		if (pascalCase) {
			putIds(data, result);
		}
		else {
			if (result.dataId() != null) {
				data.put("dataId", result.dataId());
			}
			data.put("taskId", result.taskId());
		}
		return data;
	}

	/**
	 * {@code TextModerationPlusResponseBody.Data}: {@code RiskLevel}, {@code Score},
	 * {@code Result[{Label, Confidence, RiskWords, Description, CustomizedHit}]}
	 * ({@code nonLabel} when normal).
	 */
	static Map<String, Object> textPlusData(ModerationResult result) {
		Map<String, Object> data = new LinkedHashMap<>();
		ModerationResult.Check top = result.checks() == null || result.checks().isEmpty() ? null
				: result.checks().get(0);
		data.put("RiskLevel", riskLevel(top == null ? null : top.suggestion().wire()));
		List<Map<String, Object>> out = new ArrayList<>();
		if (top != null && top.textFindings() != null) {
			for (ModerationResult.TextFinding d : top.textFindings()) {
				Map<String, Object> r = new LinkedHashMap<>();
				r.put("Label", label(d.label()));
				r.put("Confidence", top.rate());
				Set<String> words = new LinkedHashSet<>();
				List<Map<String, Object>> hits = new ArrayList<>();
				for (ModerationResult.Match c : d.matches()) {
					words.add(c.text());
					if (c.library() != null && c.library().name() != null) {
						hits.add(ordered("LibName", c.library().name(), "KeyWords", c.text()));
					}
				}
				r.put("RiskWords", String.join(",", words));
				r.put("Description", d.label());
				if (!hits.isEmpty()) {
					r.put("CustomizedHit", hits);
				}
				out.add(r);
			}
		}
		if (out.isEmpty()) {
			out.add(ordered("Label", "nonLabel", "Description", "No risk"));
			data.put("Score", 0.0);
		}
		else {
			data.put("Score", top.rate());
		}
		data.put("Result", out);
		putIds(data, result);
		return data;
	}

	/**
	 * {@code ManualModerationResult.Data}: {@code DataId}, {@code TaskId},
	 * {@code RiskLevel}, {@code Result[{Label, Description, Confidence}]} from the human
	 * verdict ({@code nonLabel} for a pass).
	 */
	static Map<String, Object> manualData(ModerationResult result) {
		Map<String, Object> data = new LinkedHashMap<>();
		putIds(data, result);
		ModerationResult.HumanVerdict audit = result.humanVerdict();
		if (audit == null) {
			return data;
		}
		data.put("RiskLevel", riskLevel(audit.suggestion()));
		List<Map<String, Object>> out = new ArrayList<>();
		if (!"pass".equals(audit.suggestion())) {
			for (String l : audit.labels()) {
				out.add(ordered("Label", label(l), "Description", l, "Confidence", 100.0));
			}
		}
		if (out.isEmpty()) {
			out.add(ordered("Label", "nonLabel", "Description", "No risk", "Confidence", 100.0));
		}
		data.put("Result", out);
		data.put("AuditResult", auditResult(audit));
		return data;
	}

	/** {@code {Suggestion, Labels, Note?, ReviewedAt, Reviews}}: a human verdict. */
	static Map<String, Object> auditResult(ModerationResult.HumanVerdict audit) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("Suggestion", audit.suggestion());
		out.put("Labels", audit.labels());
		if (audit.note() != null) {
			out.put("Note", audit.note());
		}
		out.put("ReviewedAt", audit.reviewedAt() == null ? null : audit.reviewedAt().toString());
		out.put("Reviews", audit.reviews());
		return out;
	}

	private static void putIds(Map<String, Object> data, ModerationResult result) {
		if (result.dataId() != null) {
			data.put("DataId", result.dataId());
		}
		if (result.taskId() != null) {
			data.put("TaskId", result.taskId());
		}
	}

	/** What the machine found, in 2.0 words. */
	private record Findings(List<String> labels, List<String> words, List<String> libWords, List<String> libs) {

		static Findings of(ModerationResult result) {
			Set<String> labels = new LinkedHashSet<>();
			Set<String> words = new LinkedHashSet<>();
			Set<String> libWords = new LinkedHashSet<>();
			Set<String> libs = new LinkedHashSet<>();
			ModerationResult.Check top = result.checks() == null || result.checks().isEmpty() ? null
					: result.checks().get(0);
			if (top != null && top.suggestion() != Suggestion.PASS && top.textFindings() != null) {
				for (ModerationResult.TextFinding d : top.textFindings()) {
					labels.add(label(d.label()));
					for (ModerationResult.Match c : d.matches()) {
						words.add(c.text());
						if (c.library() != null && c.library().name() != null) {
							libWords.add(c.text());
							libs.add(c.library().name());
						}
					}
				}
			}
			return new Findings(List.copyOf(labels), List.copyOf(words), List.copyOf(libWords), List.copyOf(libs));
		}
	}

	/**
	 * A small JSON object whose keys keep the order given ({@code Map.of} iterates in an
	 * order that changes from one JVM run to the next).
	 */
	private static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> out = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			out.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return out;
	}

}
