package dev.vetter.moderation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import dev.vetter.detection.TextAnalysis;
import dev.vetter.detection.TextDetector;
import dev.vetter.detection.TextHit;
import dev.vetter.moderation.internal.TaskIds;
import dev.vetter.platform.ContentKind;
import dev.vetter.policy.BizTypePolicy;
import dev.vetter.policy.LibraryAction;
import dev.vetter.policy.LibrarySource;
import dev.vetter.policy.PolicyCatalog;
import dev.vetter.policy.Suggestion;
import dev.vetter.policy.TextPolicy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Synchronous text moderation: the text engine under the tenant's bizType policy. A
 * passed scan touches no database row (the compiled policy is cached), so this path runs
 * at the speed of the matcher.
 */
@Service
public class TextModeration {

	private static final double NORMAL_RATE = 99.9;

	private final TextDetector detector;

	private final PolicyCatalog policies;

	private final Map<Suggestion, Counter> verdicts = new LinkedHashMap<>();

	private final HumanReview humanReview;

	TextModeration(TextDetector detector, PolicyCatalog policies, HumanReview humanReview, MeterRegistry meters) {
		this.detector = detector;
		this.humanReview = humanReview;
		this.policies = policies;
		for (Suggestion s : Suggestion.values()) {
			verdicts.put(s,
					Counter.builder("vetter.scans")
						.tag("kind", ContentKind.TEXT.wire())
						.tag("suggestion", s.wire())
						.description("text scans by machine suggestion")
						.register(meters));
		}
	}

	/**
	 * Scans one text under the bizType's policy; see
	 * {@link #scan(long, String, String, String, List)}.
	 */
	public TextVerdict scan(long tenantId, String bizType, String content) {
		return scan(tenantId, bizType, content, null, List.of("antispam"));
	}

	/**
	 * Scans one text. When the bizType's escalation rules send the result to people (and
	 * the tenant has manual review), the task and its review item are stored before this
	 * returns.
	 */
	public TextVerdict scan(long tenantId, String bizType, String content, String dataId, List<String> scenes) {
		return scan(tenantId, bizType, content, dataId, scenes, null);
	}

	/**
	 * As {@link #scan(long, String, String, String, List)}; an escalated task's callbacks
	 * are written in {@code format} (a {@link CallbackFormat} name; null: Green API 1.0).
	 */
	public TextVerdict scan(long tenantId, String bizType, String content, String dataId, List<String> scenes,
			String format) {
		TextPolicy policy = policies.textPolicy(tenantId, bizType);
		TextAnalysis analysis = detector.analyze(content, List.of(policy.libraryTerms()), new TextDetector.Options(
				policy.policy().lexicons(), policy.policy().rules(), policy.policy().lexicons()));
		TextVerdict verdict = judge(TaskIds.next(ContentKind.TEXT), content, analysis, policy);
		verdicts.get(verdict.suggestion()).increment();
		if (EscalationPolicy.escalates(verdict, policy.policy().escalation())) {
			humanReview.escalateIfNeeded(tenantId, policy.bizType(), verdict,
					ModerationResult.ofText(verdict, dataId, scenes), policy.policy().escalation(), format);
		}
		return verdict;
	}

	/**
	 * The machine verdict on a text found inside other media (OCR lines of an image),
	 * under the bizType's policy and the tenant's text libraries: no counter, no
	 * escalation (the caller escalates the whole item).
	 */
	TextVerdict analyze(long tenantId, String bizType, String content) {
		TextPolicy policy = policies.textPolicy(tenantId, bizType);
		TextAnalysis analysis = detector.analyze(content, List.of(policy.libraryTerms()),
				new TextDetector.Options(policy.policy().lexicons(), policy.policy().rules()));
		return judge(TaskIds.next(ContentKind.TEXT), content, analysis, policy);
	}

	/**
	 * The machine verdict on a text under the bizType's policy, for a caller that owns
	 * the task (an asynchronous job: a transcript, a frame's OCR text): nothing is
	 * stored, counted or escalated here.
	 */
	public TextVerdict assess(long tenantId, String bizType, String taskId, String content) {
		TextPolicy policy = policies.textPolicy(tenantId, bizType);
		TextAnalysis analysis = detector.analyze(content, List.of(policy.libraryTerms()),
				new TextDetector.Options(policy.policy().lexicons(), policy.policy().rules()));
		return judge(taskId, content, analysis, policy);
	}

	static TextVerdict judge(String taskId, String content, TextAnalysis analysis, TextPolicy policy) {
		List<TextHit> allowed = analysis.hits().stream().filter(TextModeration::isAllowList).toList();
		Map<String, List<TextHit>> byLabel = new LinkedHashMap<>();
		Map<TextHit, Suggestion> suggestions = new LinkedHashMap<>();
		for (TextHit hit : analysis.hits()) {
			if (isAllowList(hit) || allowed.stream().anyMatch(a -> a.overlaps(hit.start(), hit.end()))) {
				continue;
			}
			Suggestion s = suggestion(hit, policy.policy());
			if (s == Suggestion.PASS) {
				continue;
			}
			suggestions.put(hit, s);
			byLabel.computeIfAbsent(hit.label(), l -> new ArrayList<>()).add(hit);
		}
		List<TextVerdict.Finding> findings = new ArrayList<>();
		for (Map.Entry<String, List<TextHit>> e : byLabel.entrySet()) {
			Suggestion worst = Suggestion.PASS;
			double rate = 0;
			for (TextHit hit : e.getValue()) {
				worst = worst.max(suggestions.get(hit));
				rate = Math.max(rate, hit.rate());
			}
			findings.add(new TextVerdict.Finding(e.getKey(), worst, rate, contexts(e.getValue())));
		}
		findings.sort(Comparator.comparing(TextVerdict.Finding::suggestion)
			.thenComparingDouble(TextVerdict.Finding::rate)
			.reversed());
		String filtered = analysis.masked(hit -> suggestions.containsKey(hit) && hit.origin() != TextHit.Origin.RULE);
		if (findings.isEmpty()) {
			return new TextVerdict(taskId, content, filtered, Suggestion.PASS, "normal", NORMAL_RATE, List.of());
		}
		TextVerdict.Finding top = findings.get(0);
		return new TextVerdict(taskId, content, filtered, top.suggestion(), top.label(), top.rate(),
				List.copyOf(findings));
	}

	/**
	 * The policy's suggestion for one finding: a link alone follows {@code links}; a
	 * built-in finding rated under the label's minimum rate passes; then the label's
	 * override or the engine's own severity.
	 */
	static Suggestion suggestion(TextHit hit, BizTypePolicy policy) {
		boolean builtin = hit.origin() != TextHit.Origin.TERMS;
		if (builtin && hit.rule() != null && LINK_RULES.contains(hit.rule()) && policy.links() != null) {
			// the bizType decides for every link, except that an obfuscated one stays
			// suspicious
			if (policy.links() != Suggestion.PASS || !hit.rule().equals("url")
					|| hit.severity() != TextHit.Severity.BLOCK) {
				return policy.links();
			}
		}
		if (builtin && hit.rate() < policy.minRate(hit.label())) {
			return Suggestion.PASS;
		}
		return policy.labelSuggestions().getOrDefault(hit.label(), machineSuggestion(hit));
	}

	/** rules whose finding is a link ({@code url}; a plain link is {@code link}) */
	private static final java.util.Set<String> LINK_RULES = java.util.Set.of("url");

	private static boolean isAllowList(TextHit hit) {
		return hit.term() != null && hit.term().source() instanceof LibrarySource lib
				&& lib.action() == LibraryAction.PASS;
	}

	private static Suggestion machineSuggestion(TextHit hit) {
		if (hit.term() != null && hit.term().source() instanceof LibrarySource lib) {
			return lib.action() == LibraryAction.BLOCK ? Suggestion.BLOCK : Suggestion.REVIEW;
		}
		return hit.severity() == TextHit.Severity.BLOCK ? Suggestion.BLOCK : Suggestion.REVIEW;
	}

	private static List<TextVerdict.Context> contexts(List<TextHit> hits) {
		record Key(String context, LibrarySource library, String rule) {
		}
		Map<Key, List<int[]>> grouped = new LinkedHashMap<>();
		for (TextHit hit : hits) {
			LibrarySource lib = hit.term() != null && hit.term().source() instanceof LibrarySource l ? l : null;
			grouped.computeIfAbsent(new Key(hit.context(), lib, hit.rule()), k -> new ArrayList<>())
				.add(new int[] { hit.start(), hit.end() });
		}
		List<TextVerdict.Context> out = new ArrayList<>(grouped.size());
		grouped
			.forEach((k, positions) -> out.add(new TextVerdict.Context(k.context(), positions, k.library(), k.rule())));
		return out;
	}

}
