package dev.vetter.detection.image;

/**
 * One recognised line of text with its box in the original image's pixel coordinates and
 * the mean Tesseract confidence (0–100) of its words.
 */
public record OcrLine(String text, int x, int y, int width, int height, double confidence) {
}
