package dev.vetter.detection.image;

import java.util.List;
import java.util.stream.Collectors;

/** The lines found in one image, top to bottom; empty when there is no legible text. */
public record OcrResult(List<OcrLine> lines) {

	public OcrResult {
		lines = List.copyOf(lines);
	}

	/** All lines joined with newlines (what the text engine scans). */
	public String text() {
		return lines.stream().map(OcrLine::text).collect(Collectors.joining("\n"));
	}

}
