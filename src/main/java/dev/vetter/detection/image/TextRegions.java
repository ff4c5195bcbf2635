package dev.vetter.detection.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Where writing is likely in a grayscale picture: a cheap look before Tesseract, so that
 * OCR reads only those parts (see {@code docs/adr/0004-text-regions.md}). Writing shows
 * as rows of sharp, high-contrast stroke edges: the picture is cut into
 * {@value #CELL}-pixel cells, a cell is marked when enough of its pixels have a strong
 * horizontal or vertical step ({@value #EDGE} grey levels between the neighbours on
 * either side) in both directions, marked cells are joined along rows across gaps of up
 * to {@value #GAP} cells (the inside of a thick stroke, the space between words) and one
 * cell up and down, and each group of at least {@value #MIN_CELLS} cells that is wider
 * than it is tall becomes a region, padded by half its height (at least a cell and a
 * half). Aimed at recall, not precision: a region on a textured surface costs some OCR
 * time, a missed caption costs a finding, so OCR's own filters still decide what text is.
 */
final class TextRegions {

	static final int CELL = 8;

	static final int EDGE = 72;

	/** strong steps a cell needs: along rows, and across */
	static final int MIN_H_STEPS = 6;

	static final int MIN_V_STEPS = 3;

	static final int GAP = 3;

	static final int MIN_CELLS = 4;

	static final int LINE_RATIO = 3;

	static final int LINE_CELLS = 8;

	private TextRegions() {
	}

	/**
	 * A rectangle in the picture's pixels.
	 *
	 * @param line whether it looks like a line of writing (at least {@value #LINE_RATIO}
	 * times as wide as tall, {@value #LINE_CELLS} marked cells or more) rather than a
	 * patch
	 */
	record Box(int x, int y, int w, int h, boolean line) {

		long area() {
			return (long) w * h;
		}

		boolean touches(Box o) {
			return x <= o.x + o.w && o.x <= x + w && y <= o.y + o.h && o.y <= y + h;
		}

		Box union(Box o) {
			int x1 = Math.min(x, o.x);
			int y1 = Math.min(y, o.y);
			return new Box(x1, y1, Math.max(x + w, o.x + o.w) - x1, Math.max(y + h, o.y + o.h) - y1, line || o.line);
		}

	}

	/**
	 * The likely regions of writing, padded, merged where they touch, in reading order.
	 */
	static List<Box> find(int w, int h, byte[] px) {
		int cw = w / CELL;
		int ch = h / CELL;
		if (cw < 2 || ch < 1) {
			return List.of(new Box(0, 0, w, h, true));
		}
		int[] hSteps = new int[cw * ch];
		int[] vSteps = new int[cw * ch];
		for (int y = 1; y < ch * CELL - 1 && y < h - 1; y++) {
			int row = y * w;
			int cellRow = (y / CELL) * cw;
			for (int x = 1; x < cw * CELL && x < w - 1; x++) {
				int i = row + x;
				int c = cellRow + x / CELL;
				if (Math.abs((px[i + 1] & 0xff) - (px[i - 1] & 0xff)) >= EDGE) {
					hSteps[c]++;
				}
				if (Math.abs((px[i + w] & 0xff) - (px[i - w] & 0xff)) >= EDGE) {
					vSteps[c]++;
				}
			}
		}
		boolean[] marked = new boolean[cw * ch];
		for (int i = 0; i < marked.length; i++) {
			marked[i] = hSteps[i] >= MIN_H_STEPS && vSteps[i] >= MIN_V_STEPS;
		}
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
			int minX = cw, minY = ch, maxX = -1, maxY = -1, cells = 0, marks = 0;
			while (top > 0) {
				int c = stack[--top];
				int cx = c % cw;
				int cy = c / cw;
				cells++;
				marks += marked[c] ? 1 : 0;
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
			if (marks >= MIN_CELLS && bw >= bh) {
				boxes.add(pad(minX * CELL, minY * CELL, bw * CELL, bh * CELL, w, h,
						bw >= LINE_RATIO * bh && marks >= LINE_CELLS));
			}
		}
		return merge(boxes);
	}

	private static Box pad(int x, int y, int bw, int bh, int w, int h, boolean line) {
		// Tesseract finds lines better with some plain margin around them
		int p = Math.max(CELL + CELL / 2, bh / 2);
		int x1 = Math.max(0, x - p);
		int y1 = Math.max(0, y - p);
		int x2 = Math.min(w, x + bw + p);
		int y2 = Math.min(h, y + bh + p);
		return new Box(x1, y1, x2 - x1, y2 - y1, line);
	}

	/** Boxes that touch become one, until none do. */
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
		out.sort(java.util.Comparator.comparingInt(Box::y).thenComparingInt(Box::x));
		return out;
	}

}
