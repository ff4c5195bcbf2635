package dev.vetter.review;

import dev.vetter.platform.ContentKind;

/**
 * The task behind a review item a reviewer may look at (see
 * {@link ReviewWorkflow#visibleTask}).
 */
public record ReviewedTask(long itemId, long tenantId, String taskId, ContentKind kind) {
}
