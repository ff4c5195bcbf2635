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
 */
public record BizTypePolicy(Boolean lexicons, Boolean rules, List<String> libraries,
		Map<String, Suggestion> labelSuggestions, EscalationRules escalation) {

	/** The Green text labels a policy may name. */
	public static final Set<String> TEXT_LABELS = Set.of("normal", "spam", "ad", "politics", "terrorism", "abuse",
			"porn", "flood", "contraband", "meaningless", "customized");

	public static final BizTypePolicy DEFAULT = new BizTypePolicy(true, true, null, Map.of(), null);

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
	}

	public boolean appliesTo(String libraryName) {
		return libraries == null || libraries.contains(libraryName);
	}
}
