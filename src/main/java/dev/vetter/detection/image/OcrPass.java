package dev.vetter.detection.image;

import static org.bytedeco.tesseract.global.tesseract.PSM_AUTO;
import static org.bytedeco.tesseract.global.tesseract.PSM_SINGLE_BLOCK;
import static org.bytedeco.tesseract.global.tesseract.PSM_SPARSE_TEXT;

/**
 * One recognition pass over the grayscale (small images: upscaled) picture. Passes differ
 * in page segmentation, Tesseract's binarisation and polarity; their lines are merged.
 */
public enum OcrPass {

	/** sparse text (PSM 11), global Otsu threshold: captions and signs on plain areas */
	SPARSE(PSM_SPARSE_TEXT, 0, false),
	/**
	 * automatic layout (PSM 3), Sauvola adaptive threshold: dark text over busy
	 * backgrounds
	 */
	ADAPTIVE(PSM_AUTO, 2, false),
	/** sparse text, Sauvola, inverted image: light text over busy or dark backgrounds */
	INVERTED_SPARSE(PSM_SPARSE_TEXT, 2, true),
	/**
	 * one uniform block (PSM 6), Sauvola, inverted image: light captions the others miss
	 */
	INVERTED_BLOCK(PSM_SINGLE_BLOCK, 2, true);

	final int pageSegMode;

	/** Tesseract 5 {@code thresholding_method}: 0 Otsu, 2 Sauvola */
	final int thresholding;

	final boolean invert;

	OcrPass(int pageSegMode, int thresholding, boolean invert) {
		this.pageSegMode = pageSegMode;
		this.thresholding = thresholding;
		this.invert = invert;
	}

}
