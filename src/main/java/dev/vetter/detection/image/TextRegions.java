package dev.vetter.detection.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where writing may be in a grayscale picture: a cheap look before Tesseract, so that OCR
 * skips pictures without sharp strokes and reads only the parts that have them.
 * <p>
 * Writing shows as sharp, high-contrast stroke edges. The picture is cut into
 * {@value #CELL}-pixel cells; a cell is marked when at least {@value #MIN_STEPS} of its
 * pixels have a strong step ({@value #EDGE} grey levels or more between the neighbours on
 * either side) <em>along or across</em> rows: on a flat background the long stems of a
 * large letter give steps in one direction only, and a cell must not need both. Marked
 * cells are joined along rows across gaps of up to {@value #GAP} cells (the inside of a
 * thick stroke, the space between letters), then into groups by touching cells (so the
 * outline of a letter much larger than a cell stays one group); each group with at least
 * {@value #MIN_CELLS} marked cells becomes a region, padded for Tesseract. Light on dark
 * and dark on light step alike, and a step is the same on a flat, gradient or busy
 * background. Given a colour channel too (red against green), a pixel that steps by
 * {@value #COLOUR_EDGE} levels there counts as well, so that red writing whose luma is
 * close to its background is found; a region most of whose cells only colour marked is a
 * colour region ({@link Box#colour()}), kept only when it looks like a line. Aimed at
 * recall, not precision: a region on fur or foliage costs some OCR time, a missed caption
 * costs a finding; OCR's own filters decide what text is.
 */
final class TextRegions {

	static final int CELL = 8;

	/** grey levels between a pixel's two neighbours that count as a stroke edge */
	static final int EDGE = 64;

	/**
	 * the stricter step of a second look at busy pictures (fur, foliage, gravel step by
	 * 64 levels in most cells; printed captions and signs nearly always by twice that)
	 */
	static final int STRICT_EDGE = 128;

	/**
	 * levels of the red-against-green channel ({@link TextRecognizer.Gray#opponent}, half
	 * of R − G) that count as a stroke edge, in both looks: 64 levels of R − G. Natural
	 * colour is smooth (and JPEG halves its resolution), so colour texture rarely steps
	 * that much where luma texture does
	 */
	static final int COLOUR_EDGE = 32;

	/** strong steps (in either direction) a cell needs to be marked */
	static final int MIN_STEPS = 6;

	/** cells of gap bridged along a row */
	static final int GAP = 3;

	/** marked cells a region needs (a few scattered sharp pixels are not writing) */
	static final int MIN_CELLS = 4;

	/** a region at least this many times as wide as tall, */
	static final int LINE_RATIO = 2;

	/** with at least this many marked cells, looks like a line of writing */
	static final int LINE_CELLS = 6;

	private TextRegions() {
	}

	/**
	 * A rectangle in the picture's pixels.
	 *
	 * @param textHeight the height of the marked cells before padding (about the height
	 * of the tallest line inside)
	 * @param line whether it looks like a line of writing (at least {@value #LINE_RATIO}
	 * times as wide as tall, {@value #LINE_CELLS} marked cells or more) rather than a
	 * patch
	 * @param cells its marked cells
	 * @param colourCells those of them marked by colour steps only (see
	 * {@link #find(int, int, byte[], byte[], int, int)})
	 */
	record Box(int x, int y, int w, int h, int textWidth, int textHeight, boolean line, int cells, int colourCells) {

		Box(int x, int y, int w, int h, int textWidth, int textHeight, boolean line) {
			this(x, y, w, h, textWidth, textHeight, line, 0, 0);
		}

		/** most of its marked cells are marked by colour steps only */
		boolean colour() {
			return 2 * colourCells > cells;
		}

		long area() {
			return (long) w * h;
		}

		boolean touches(Box o) {
			return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
		}

		Box union(Box o) {
			int x1 = Math.min(x, o.x);
			int y1 = Math.min(y, o.y);
			return new Box(x1, y1, Math.max(x + w, o.x + o.w) - x1, Math.max(y + h, o.y + o.h) - y1,
					Math.max(textWidth, o.textWidth), Math.max(textHeight, o.textHeight), line && o.line,
					cells + o.cells, colourCells + o.colourCells);
		}

	}

	/**
	 * The regions that may hold writing, padded, merged where they overlap, in reading
	 * order; empty when the picture has no sharp strokes at all.
	 */
	static List<Box> find(int w, int h, byte[] px) {
		return find(w, h, px, null, EDGE, EDGE);
	}

	/**
	 * As {@link #find(int, int, byte[])}, a pixel counting as a stroke edge when it steps
	 * by {@code edge} levels ({@link #EDGE}, or {@link #STRICT_EDGE} for a second look)
	 * in {@code px} or, if not null, by {@code colourEdge} levels in the colour channel
	 * {@code colour} (of the same size, e.g. {@link TextRecognizer.Gray#opponent}): red
	 * writing on a photo steps little in luma and much in red against green.
	 */
	static List<Box> find(int w, int h, byte[] px, byte[] colour, int edge, int colourEdge) {
		int cw = w / CELL;
		int ch = h / CELL;
		if (cw < 2 || ch < 2) {
			return List.of(new Box(0, 0, w, h, w, h, false));
		}
		boolean[] colourOnly = new boolean[cw * ch];
		boolean[] marked = mark(w, h, px, colour, cw, ch, edge, colourEdge, colourOnly);
		// join along rows across short gaps
		boolean[] joined = marked.clone();
		for (int cy = 0; cy < ch; cy++) {
			int last = -1;
			for (int cx = 0; cx < cw; cx++) {
				if (!marked[cy * cw + cx]) {
					continue;
				}
				if (last >= 0 && cx - last - 1 <= GAP) {
					for (int k = last + 1; k < cx; k++) {
						joined[cy * cw + k] = true;
					}
				}
				last = cx;
			}
		}
		List<Box> boxes = new ArrayList<>();
		int[] label = new int[cw * ch];
		int[] stack = new int[cw * ch];
		int next = 0;
		for (int start = 0; start < joined.length; start++) {
			if (!joined[start] || label[start] != 0) {
				continue;
			}
			next++;
			int top = 0;
			stack[top++] = start;
			label[start] = next;
			int minX = cw, minY = ch, maxX = -1, maxY = -1, marks = 0, colourMarks = 0;
			while (top > 0) {
				int c = stack[--top];
				int cx = c % cw;
				int cy = c / cw;
				marks += marked[c] ? 1 : 0;
				colourMarks += colourOnly[c] ? 1 : 0;
				minX = Math.min(minX, cx);
				maxX = Math.max(maxX, cx);
				minY = Math.min(minY, cy);
				maxY = Math.max(maxY, cy);
				for (int dy = -1; dy <= 1; dy++) {
					for (int dx = -1; dx <= 1; dx++) {
						int nx = cx + dx;
						int ny = cy + dy;
						if (nx >= 0 && ny >= 0 && nx < cw && ny < ch) {
							int n = ny * cw + nx;
							if (joined[n] && label[n] == 0) {
								label[n] = next;
								stack[top++] = n;
							}
						}
					}
				}
			}
			int bw = maxX - minX + 1;
			int bh = maxY - minY + 1;
			boolean line = bw >= LINE_RATIO * bh && marks >= LINE_CELLS;
			boolean inColour = 2 * colourMarks > marks;
			// colour alone marks the edges of coloured things too: only its lines count
			if (marks >= MIN_CELLS && (line || !inColour)) {
				boxes.add(pad(minX * CELL, minY * CELL, bw * CELL, bh * CELL, w, h, line, marks, colourMarks));
			}
		}
		return merge(boxes);
	}

	/**
	 * Marks the cells with at least {@value #MIN_STEPS} strong steps along or across
	 * rows.
	 */
	static boolean[] mark(int w, int h, byte[] px, byte[] colour, int cw, int ch, int edge, int colourEdge,
			boolean[] colourOnly) {
		int[] steps = new int[cw * ch];
		int[] lumaSteps = new int[cw * ch];
		int maxY = Math.min(ch * CELL, h - 1);
		int maxX = Math.min(cw * CELL, w - 1);
		for (int y = 1; y < maxY; y++) {
			int row = y * w;
			int cellRow = (y / CELL) * cw;
			for (int x = 1; x < maxX; x++) {
				int i = row + x;
				if (step(px, i, w, edge)) {
					steps[cellRow + x / CELL]++;
					lumaSteps[cellRow + x / CELL]++;
				}
				else if (colour != null && step(colour, i, w, colourEdge)) {
					steps[cellRow + x / CELL]++;
				}
			}
		}
		boolean[] marked = new boolean[cw * ch];
		for (int i = 0; i < marked.length; i++) {
			marked[i] = steps[i] >= MIN_STEPS;
			colourOnly[i] = marked[i] && lumaSteps[i] < MIN_STEPS;
		}
		return marked;
	}

	/** whether pixel {@code i} steps by {@code edge} levels along or across rows */
	static boolean step(byte[] px, int i, int w, int edge) {
		return Math.abs((px[i + 1] & 0xff) - (px[i - 1] & 0xff)) >= edge
				|| Math.abs((px[i + w] & 0xff) - (px[i - w] & 0xff)) >= edge;
	}

	private static Box pad(int x, int y, int bw, int bh, int w, int h, boolean line, int cells, int colourCells) {
		// Tesseract finds lines better with some plain margin around them
		int p = Math.max(2 * CELL, bh / 2);
		int x1 = Math.max(0, x - p);
		int y1 = Math.max(0, y - p);
		int x2 = Math.min(w, x + bw + p);
		int y2 = Math.min(h, y + bh + p);
		return new Box(x1, y1, x2 - x1, y2 - y1, bw, bh, line, cells, colourCells);
	}

	/**
	 * The boxes with each one wider than tall widened by {@code textHeights} times its
	 * text height on both sides (within the picture), merged where they then overlap: a
	 * stricter look marks only the sharpest strokes of a line, and a crop must not clip
	 * the words at its ends.
	 */
	static List<Box> widenLines(List<Box> boxes, int textHeights, int w) {
		List<Box> out = new ArrayList<>(boxes.size());
		for (Box b : boxes) {
			if (b.w() > b.h()) {
				int x1 = Math.max(0, b.x() - textHeights * b.textHeight());
				int x2 = Math.min(w, b.x() + b.w() + textHeights * b.textHeight());
				out.add(new Box(x1, b.y(), x2 - x1, b.h(), b.textWidth(), b.textHeight(), b.line(), b.cells(),
						b.colourCells()));
			}
			else {
				out.add(b);
			}
		}
		return merge(out);
	}

	/** Boxes that overlap become one, until none do. */
	static List<Box> merge(List<Box> boxes) {
		List<Box> out = new ArrayList<>(boxes);
		boolean changed = true;
		while (changed) {
			changed = false;
			outer: for (int i = 0; i < out.size(); i++) {
				for (int j = i + 1; j < out.size(); j++) {
					if (out.get(i).touches(out.get(j))) {
						out.set(i, out.get(i).union(out.remove(j)));
						changed = true;
						break outer;
					}
				}
			}
		}
		out.sort(Comparator.comparingInt(Box::y).thenComparingInt(Box::x));
		return out;
	}

}
