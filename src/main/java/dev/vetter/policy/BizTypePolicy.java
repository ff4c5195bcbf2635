package dev.vetter.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.vetter.platform.InvalidInput;

/**
 * A business scenario's policy, as {@code PUT /v1/biz-types/{name}} takes it. Every field
 * is optional; absent fields take the default.
 *
 * @param lexicons run the built-in lexicons (default true)
 * @param rules run the ad / contact / flood / meaningless rules (default true)
 * @param libraries names of the tenant's libraries that apply; absent = all of them, [] =
 * none
 * @param labelSuggestions per-label override of the machine suggestion, e.g.
 * {@code {"ad":"block","flood":"pass"}}
 * @param escalation when results go to human review (tenants with manual review enabled)
 * @param minRates per-label minimum rate (0..100) for a built-in finding to count; lower
 * findings pass (default {@value #DEFAULT_MIN_RATE} for every label: context-dependent
 * terms alone and classifier scores under its chosen threshold rate below it)
 * @param links what a link alone gets: absent = only links with advertising signals
 * (contact details, prices, shorteners, several links, obfuscation) are flagged;
 * {@code pass} = no link finding counts except an obfuscated one; {@code review} /
 * {@code block} = every link
 * @param image how image findings are judged: NSFW thresholds of scene {@code porn} and
 * the suggestion a QR code gives (absent values: the service-wide defaults)
 */
public record BizTypePolicy(Boolean lexicons, Boolean rules, List<String> libraries,
		Map<String, Suggestion> labelSuggestions, EscalationRules escalation, Map<String, Double> minRates,
		Suggestion links, ImageRules image) {

	/** the minimum rate of a built-in finding when the policy names none for its label */
	public static final double DEFAULT_MIN_RATE = 50;

	/** The Green text labels a policy may name. */
	public static final Set<String> TEXT_LABELS = Set.of("normal", "spam", "ad", "politics", "terrorism", "abuse",
			"porn", "flood", "contraband", "meaningless", "customized");

	public static final BizTypePolicy DEFAULT = new BizTypePolicy(true, true, null, Map.of(), null, Map.of(), null,
			null);

	public BizTypePolicy(Boolean lexicons, Boolean rules, List<String> libraries,
			Map<String, Suggestion> labelSuggestions, EscalationRules escalation) {
		this(lexicons, rules, libraries, labelSuggestions, escalation, null, null, null);
	}

	public BizTypePolicy(Boolean lexicons, Boolean rules, List<String> libraries,
			Map<String, Suggestion> labelSuggestions, EscalationRules escalation, Map<String, Double> minRates,
			Suggestion links) {
		this(lexicons, rules, libraries, labelSuggestions, escalation, minRates, links, null);
	}

	public BizTypePolicy {
		lexicons = lexicons == null || lexicons;
		rules = rules == null || rules;
		libraries = libraries == null ? null : List.copyOf(libraries);
		labelSuggestions = labelSuggestions == null ? Map.of() : Map.copyOf(labelSuggestions);
		escalation = escalation == null ? EscalationRules.DEFAULT : escalation;
		for (String label : labelSuggestions.keySet()) {
			if (!TEXT_LABELS.contains(label)) {
				throw new InvalidInput("labelSuggestions: unknown label '" + label + "'; known: " + TEXT_LABELS);
			}
		}
		minRates = minRates == null ? Map.of() : Map.copyOf(minRates);
		for (Map.Entry<String, Double> e : minRates.entrySet()) {
			if (!TEXT_LABELS.contains(e.getKey())) {
				throw new InvalidInput("minRates: unknown label '" + e.getKey() + "'; known: " + TEXT_LABELS);
			}
			if (e.getValue() == null || !(e.getValue() >= 0 && e.getValue() <= 100)) {
				throw new InvalidInput("minRates." + e.getKey() + " must be a number from 0 to 100");
			}
		}
		image = image == null ? ImageRules.NONE : image;
	}

	/** the minimum rate for a built-in finding of this label to count */
	public double minRate(String label) {
		Double r = minRates.get(label);
		return r == null ? DEFAULT_MIN_RATE : r;
	}

	public boolean appliesTo(String libraryName) {
		return libraries == null || libraries.contains(libraryName);
	}
}
