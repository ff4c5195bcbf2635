package dev.vetter.console;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Console settings ({@code vetter.console.*}).
 *
 * @param undoWindow how long a reviewer's decision is held in the browser before it is
 * sent; {@code u} takes it back within this time
 * @param breakAfter the workbench reminds the reviewer to take a break after this much
 * continuous work
 * @param gridSize images per page of the batch grid
 * @param riskWindow an open item whose deadline falls within this window counts as at
 * risk on the operators' dashboard
 */
@ConfigurationProperties("vetter.console")
public record ConsoleProperties(@DefaultValue("5s") Duration undoWindow, @DefaultValue("50m") Duration breakAfter,
		@DefaultValue("24") int gridSize, @DefaultValue("15m") Duration riskWindow) {

	public ConsoleProperties {
		if (undoWindow.isNegative() || breakAfter.isNegative() || breakAfter.isZero()) {
			throw new IllegalArgumentException("vetter.console.undo-window must be >= 0 and break-after > 0");
		}
		if (gridSize < 1 || gridSize > 100) {
			throw new IllegalArgumentException("vetter.console.grid-size must be 1..100");
		}
	}

}
