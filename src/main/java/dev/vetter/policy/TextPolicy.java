package dev.vetter.policy;

import dev.vetter.detection.TextTermSet;

/**
 * A bizType policy compiled for text scans: the policy plus the terms of every library it
 * applies, each term's {@link dev.vetter.detection.TextTerm#source()} being its
 * {@link LibrarySource}.
 */
public record TextPolicy(String bizType, BizTypePolicy policy, TextTermSet libraryTerms) {
}
