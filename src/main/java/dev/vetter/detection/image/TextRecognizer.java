package dev.vetter.detection.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tesseract.ResultIterator;
import org.bytedeco.tesseract.TessBaseAPI;

import static org.bytedeco.tesseract.global.tesseract.OEM_LSTM_ONLY;
import static org.bytedeco.tesseract.global.tesseract.RIL_TEXTLINE;
import static org.bytedeco.tesseract.global.tesseract.RIL_WORD;
import static org.bytedeco.tesseract.global.tesseract.TessDeleteText;

/**
 * OCR for photos and captions with Tesseract 5 (LSTM) through bytedeco. The image is
 * turned to grayscale (and a red-against-green channel), small images are upscaled, and a
 * cheap look ({@link TextRegions}) finds where sharp strokes are, in luma or in colour
 * (colour regions are read in the colour channel, see {@link #MIXED_COLOUR_SHARE}): none
 * means no OCR at all; a few regions covering at most half the picture are read region by
 * region (a line of writing at two scales, the second only when the first reading is not
 * {@link #settled settled}). A busy picture (more regions, or more of it covered) gets a
 * stricter second look: no region there means no OCR, a few are read as crops (lines
 * widened by {@link #WIDEN_TEXT_HEIGHTS} text heights each side), and only a picture
 * still busy is read whole. Each read runs each configured {@link OcrPass} (page
 * segmentation × binarisation × polarity); when the first pass finds no line of writing
 * at all, the others are skipped (most photos carry no text, and this makes them about
 * four times cheaper) except over a line crop, and a line crop's passes stop once its
 * reading is settled. Words below {@link OcrProperties#minConfidence()} or without
 * letters or digits are dropped; lines from all passes are merged by overlap, the
 * best-read one kept, and a line survives only if two passes found text there or it is
 * confident and long ({@link #ALONE_MIN_CONFIDENCE}, {@link #ALONE_MIN_CHARS}): texture
 * noise rarely does either.
 * <p>
 * A {@link TessBaseAPI} is not thread-safe: a fixed pool of engines is shared, and a call
 * waits at most {@link OcrProperties#acquireTimeout()} for one ({@link RecognizerBusy}).
 * Inputs are checked before any native call ({@link ImageRefused}); a failed native call
 * becomes {@link RecognitionFailed} and its engine is replaced. Close to free the
 * engines.
 */
public final class TextRecognizer implements AutoCloseable {

	/** images whose longer side is below this are upscaled towards it (at most 3×) */
	static final int UPSCALE_BELOW_SIDE = 800;

	static final double MAX_UPSCALE = 3.0;

	/** larger images are scaled down to this side for recognition */
	static final int MAX_SIDE = 4000;

	/**
	 * a line found by one pass only is kept when at least this confident and this long;
	 * noise from textures rarely survives two passes, text nearly always does
	 */
	static final double ALONE_MIN_CONFIDENCE = 80;

	static final int ALONE_MIN_CHARS = 4;

	/**
	 * when the regions that may hold writing cover more than this share of the picture,
	 * the picture is busy (sharp textures everywhere: the regions say little) and gets a
	 * second, stricter look ({@link TextRegions#STRICT_EDGE}); still busy under that, it
	 * is read whole
	 */
	static final double BUSY_COVER = 0.5;

	/** with more regions than this a picture is busy too (one call each costs) */
	static final int MAX_REGIONS = 12;

	/**
	 * regions of the stricter look wider than tall are widened by this many text heights
	 * on each side, so that the words at a line's ends are not clipped
	 */
	static final int WIDEN_TEXT_HEIGHTS = 6;

	/**
	 * a region not mostly of colour (see {@link TextRegions.Box#colour()}) is read in
	 * colour as well when at least one in this many of its marked cells, and
	 * {@link TextRegions#LINE_CELLS} at least, are marked by colour steps only (a red
	 * word merged with sharper detail); a few colour-only cells in a large luma region
	 * (the edges of coloured things around a white caption) are not worth a second
	 * reading
	 */
	static final int MIXED_COLOUR_SHARE = 5;

	/**
	 * a line-like region is read at these scales of the (scaled) picture: Tesseract
	 * misreads some outlined captions at one scale and not at the other ("PIEES" for
	 * "PILLS"), and 0.75 brings large captions towards its preferred x-height of about 30
	 * pixels; the second scale is read only when the first one's reading is not
	 * {@link #settled settled}
	 */
	static final double[] LINE_SCALES = { 1.0, 0.75 };

	private final OcrProperties properties;

	private final Path dataDirectory;

	private final BlockingQueue<Engine> pool;

	private volatile boolean closed;

	public TextRecognizer(OcrProperties properties) {
		this.properties = properties;
		this.dataDirectory = dataDirectory(properties);
		this.pool = new ArrayBlockingQueue<>(properties.poolSize());
		try {
			for (int i = 0; i < properties.poolSize(); i++) {
				pool.add(new Engine(dataDirectory, properties.language()));
			}
		}
		catch (RuntimeException | LinkageError ex) {
			close();
			throw ex instanceof OcrUnavailable u ? u : new OcrUnavailable("Tesseract cannot start: " + ex, ex);
		}
	}

	/**
	 * The directory given, or the bundled eng.traineddata copied to a new temporary
	 * directory.
	 */
	private static Path dataDirectory(OcrProperties p) {
		if (p.dataDirectory() != null && !p.dataDirectory().isBlank()) {
			Path dir = Path.of(p.dataDirectory());
			for (String lang : p.language().split("\\+")) {
				if (!Files.isReadable(dir.resolve(lang + ".traineddata"))) {
					throw new OcrUnavailable("no readable " + lang + ".traineddata in " + dir);
				}
			}
			return dir;
		}
		if (!p.language().equals("eng")) {
			throw new OcrUnavailable(
					"only 'eng' is bundled; set vetter.detection.ocr.data-directory for '" + p.language() + "'");
		}
		try (InputStream in = TextRecognizer.class.getClassLoader().getResourceAsStream("tessdata/eng.traineddata")) {
			if (in == null) {
				throw new OcrUnavailable("tessdata/eng.traineddata is not on the classpath (tess4j jar missing?)");
			}
			Path dir = Files.createTempDirectory("vetter-tessdata");
			Path file = dir.resolve("eng.traineddata");
			Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
			file.toFile().deleteOnExit();
			dir.toFile().deleteOnExit();
			return dir;
		}
		catch (IOException ex) {
			throw new OcrUnavailable("cannot copy eng.traineddata to a temporary directory: " + ex, ex);
		}
	}

	/** Recognises the text of one image of any type. */
	public OcrResult recognize(BufferedImage image) {
		return recognize(image, new Trace());
	}

	/** As {@link #recognize(BufferedImage)}, noting what was read in {@code trace}. */
	OcrResult recognize(BufferedImage image, Trace trace) {
		ImageInput.check(image, properties.minSide(), properties.maxPixels());
		Picture picture = Picture.of(image);
		double scale = scaleFor(picture.w(), picture.h());
		Picture work = scale == 1.0 ? picture : picture.resize(scale);
		List<TextRegions.Box> regions = TextRegions.find(work.w(), work.h(), work.gray.px, work.opponent.px,
				TextRegions.EDGE, TextRegions.COLOUR_EDGE);
		trace.regions = regions.size();
		if (regions.isEmpty()) {
			// no sharp, high-contrast stroke anywhere: nothing Tesseract could read
			trace.path = Trace.Path.NO_REGION;
			return new OcrResult(List.of());
		}
		trace.path = Trace.Path.CROPS;
		if (busy(regions, work)) {
			// sharp detail everywhere (fur, foliage, a street): look again for the
			// strokes of print only
			regions = TextRegions.find(work.w(), work.h(), work.gray.px, work.opponent.px, TextRegions.STRICT_EDGE,
					TextRegions.COLOUR_EDGE);
			trace.strictRegions = regions.size();
			if (regions.isEmpty()) {
				trace.path = Trace.Path.NO_STRICT_REGION;
				return new OcrResult(List.of());
			}
			trace.path = busy(regions, work) ? Trace.Path.WHOLE : Trace.Path.STRICT_CROPS;
			regions = TextRegions.widenLines(regions, WIDEN_TEXT_HEIGHTS, work.w());
		}
		Engine engine = borrow();
		boolean healthy = false;
		try {
			List<Line> candidates = new ArrayList<>();
			if (trace.path == Trace.Path.WHOLE) {
				candidates.addAll(readAll(engine, work.gray, work::inverted, false, trace));
			}
			else {
				for (TextRegions.Box region : regions) {
					readRegion(engine, work, region, candidates, trace);
				}
			}
			healthy = true;
			return new OcrResult(merge(candidates).stream()
				.filter(l -> l.support >= 2 || l.meanConfidence() >= ALONE_MIN_CONFIDENCE && l.alnum >= ALONE_MIN_CHARS)
				.map(l -> l.toOcrLine(scale, picture.w(), picture.h()))
				.sorted(Comparator.comparingInt(OcrLine::y).thenComparingInt(OcrLine::x))
				.toList());
		}
		finally {
			giveBack(engine, healthy);
		}
	}

	/** regions covering more than {@link #BUSY_COVER} of the picture, or too many */
	static boolean busy(List<TextRegions.Box> regions, Picture work) {
		long covered = regions.stream().mapToLong(TextRegions.Box::area).sum();
		return covered > BUSY_COVER * work.w() * work.h() || regions.size() > MAX_REGIONS;
	}

	/**
	 * Every pass over {@code image} ({@code inverted}: the same inverted, made when a
	 * pass needs it). When the first pass sees no writing at all, the others are skipped
	 * (Tesseract also tries each doubtful line inverted, so light text counts), except
	 * over a line crop ({@code line}), which holds sharp strokes: there they all run, and
	 * stop once the reading is {@link #settled settled}.
	 */
	private List<Line> readAll(Engine engine, Gray image, Supplier<Gray> inverted, boolean line, Trace trace) {
		List<Line> candidates = new ArrayList<>();
		for (OcrPass pass : properties.passes()) {
			Gray input = pass.invert ? inverted.get() : image;
			trace.calls++;
			trace.pixels += (long) input.w * input.h;
			candidates.addAll(engine.read(input, pass, properties.minConfidence()));
			if (candidates.isEmpty() && !line || line && settled(candidates)) {
				break;
			}
		}
		return candidates;
	}

	/**
	 * Whether the reading of a line crop can stand: every word of its best line (by
	 * {@link Line#weight()}) was read the same, letters and digits alike, by another pass
	 * at the same place. Misreads of outlined captions ("GHEAP PIEES" for "CHEAP PILLS")
	 * are rarely repeated by a second pass; the more passes agree, the less another pass
	 * or scale could add.
	 */
	static boolean settled(List<Line> lines) {
		Line best = lines.stream().max(Comparator.comparingDouble(Line::weight)).orElse(null);
		if (best == null) {
			return false;
		}
		for (String word : best.text.toString().split(" ")) {
			String w = lettersAndDigits(word);
			boolean confirmed = w.isEmpty();
			for (Line other : lines) {
				if (!confirmed && other.pass != best.pass && other.overlaps(best)) {
					for (String o : other.text.toString().split(" ")) {
						confirmed |= lettersAndDigits(o).equals(w);
					}
				}
			}
			if (!confirmed) {
				return false;
			}
		}
		return true;
	}

	private static String lettersAndDigits(String word) {
		StringBuilder b = new StringBuilder(word.length());
		word.codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
		return b.toString();
	}

	/**
	 * Reads one region and adds its lines, in the coordinates of the whole (scaled)
	 * picture, to {@code out}: a patch once, a line of writing at each of
	 * {@link #LINE_SCALES} until one reading is {@link #settled settled} (the best read
	 * of each line wins in {@link #merge}). Luma crops are cut from the picture and the
	 * picture inverted once; a {@link TextRegions.Box#colour() colour region} is read in
	 * the red-against-green channel stretched over all levels instead, a region with
	 * enough colour-only cells ({@link #MIXED_COLOUR_SHARE}) in both.
	 */
	private void readRegion(Engine engine, Picture work, TextRegions.Box region, List<Line> out, Trace trace) {
		// a region found mostly by its red-against-green steps is read in that channel
		// only; one with enough such cells among luma ones (a red word merged with
		// sharper detail) in both
		boolean inColour = region.colour();
		if (!inColour) {
			readRegion(engine, region, work.gray.crop(region.x(), region.y(), region.w(), region.h()),
					() -> work.inverted().crop(region.x(), region.y(), region.w(), region.h()), out, trace);
		}
		if (inColour || region.colourCells() >= TextRegions.LINE_CELLS
				&& MIXED_COLOUR_SHARE * region.colourCells() >= region.cells()) {
			trace.colourCrops++;
			// the colour channel holds half of R - G: spread it over all levels for
			// Tesseract
			Gray crop = work.opponent.crop(region.x(), region.y(), region.w(), region.h()).stretched();
			readRegion(engine, region, crop, crop::inverted, out, trace);
		}
	}

	/** reads {@code crop} of {@code region} (see above) */
	private void readRegion(Engine engine, TextRegions.Box region, Gray crop, Supplier<Gray> invertedCrop,
			List<Line> out, Trace trace) {
		if (!region.line()) {
			List<Line> found = readAll(engine, crop, once(invertedCrop), false, trace);
			found.forEach(l -> l.place(1.0, region.x(), region.y()));
			out.addAll(found);
			return;
		}
		for (double s : LINE_SCALES) {
			List<Line> found = s == 1.0 ? readAll(engine, crop, once(invertedCrop), true, trace)
					: readAll(engine, crop.resize(s), once(() -> invertedCrop.get().resize(s)), true, trace);
			boolean settled = settled(found);
			found.forEach(l -> l.place(s, region.x(), region.y()));
			out.addAll(found);
			if (settled) {
				break;
			}
		}
	}

	/** {@code make}, called at most once */
	private static Supplier<Gray> once(Supplier<Gray> make) {
		Gray[] made = new Gray[1];
		return () -> made[0] != null ? made[0] : (made[0] = make.get());
	}

	static double scaleFor(int w, int h) {
		int side = Math.max(w, h);
		if (side > MAX_SIDE) {
			return MAX_SIDE / (double) side;
		}
		if (side < UPSCALE_BELOW_SIDE) {
			return Math.min(MAX_UPSCALE, UPSCALE_BELOW_SIDE / (double) side);
		}
		return 1.0;
	}

	/**
	 * One line per place: the best-read lines (mean confidence × letters and digits) are
	 * taken first; a later line overlapping one of them only adds to its support (how
	 * many passes found text there).
	 */
	static List<Line> merge(List<Line> candidates) {
		List<Line> byWeight = new ArrayList<>(candidates);
		byWeight.sort(Comparator.comparingDouble(Line::weight).reversed());
		List<Line> kept = new ArrayList<>();
		outer: for (Line line : byWeight) {
			for (Line k : kept) {
				if (k.overlaps(line)) {
					if (k.passes.add(line.pass)) {
						k.support++;
					}
					continue outer;
				}
			}
			kept.add(line);
		}
		return kept;
	}

	private Engine borrow() {
		if (closed) {
			throw new OcrUnavailable("the text recognizer is closed");
		}
		Engine engine;
		try {
			engine = pool.poll(properties.acquireTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RecognizerBusy("interrupted while waiting for an OCR engine", ex);
		}
		if (engine == null) {
			throw new RecognizerBusy("all " + properties.poolSize() + " OCR engines stayed busy for "
					+ properties.acquireTimeout().toMillis() + " ms");
		}
		return engine;
	}

	private void giveBack(Engine engine, boolean healthy) {
		if (healthy && !closed) {
			pool.add(engine);
			return;
		}
		engine.end();
		if (closed) {
			return;
		}
		try {
			pool.add(new Engine(dataDirectory, properties.language()));
		}
		catch (RuntimeException | LinkageError ex) {
			// the pool shrinks by one; callers see RecognizerBusy once it is empty
		}
	}

	@Override
	public void close() {
		closed = true;
		Engine e;
		while ((e = pool.poll()) != null) {
			e.end();
		}
	}

	// ------------------------------------------------------------------ engine

	/** One TessBaseAPI, used by one thread at a time (guarded by the pool). */
	private static final class Engine {

		private final TessBaseAPI api = new TessBaseAPI();

		Engine(Path dataDirectory, String language) {
			if (api.Init(dataDirectory.toString(), language, OEM_LSTM_ONLY) != 0) {
				api.close();
				throw new OcrUnavailable("Tesseract Init failed for language '" + language + "' in " + dataDirectory);
			}
			api.SetVariable("debug_file", "/dev/null");
		}

		List<Line> read(Gray image, OcrPass pass, int minConfidence) {
			List<Line> lines = new ArrayList<>();
			try {
				api.SetPageSegMode(pass.pageSegMode);
				api.SetVariable("thresholding_method", Integer.toString(pass.thresholding));
				api.SetImage(image.px, image.w, image.h, 1, image.w);
				if (api.Recognize(null) != 0) {
					throw new RecognitionFailed(
							"Tesseract Recognize failed on a " + image.w + "x" + image.h + " image");
				}
				ResultIterator it = api.GetIterator();
				if (it == null || it.isNull()) {
					return lines;
				}
				try {
					Line current = null;
					int[] x1 = new int[1], y1 = new int[1], x2 = new int[1], y2 = new int[1];
					do {
						if (it.Empty(RIL_WORD)) {
							continue;
						}
						if (current == null || it.IsAtBeginningOf(RIL_TEXTLINE)) {
							current = new Line(pass);
							lines.add(current);
						}
						BytePointer t = it.GetUTF8Text(RIL_WORD);
						String word = t == null ? "" : t.getString(java.nio.charset.StandardCharsets.UTF_8).strip();
						if (t != null) {
							TessDeleteText(t);
						}
						float conf = it.Confidence(RIL_WORD);
						if (it.BoundingBox(RIL_WORD, x1, y1, x2, y2) && plausible(word, conf, minConfidence)) {
							current.add(word, conf, x1[0], y1[0], x2[0], y2[0]);
						}
					}
					while (it.Next(RIL_WORD));
				}
				finally {
					it.close();
				}
			}
			catch (RecognitionFailed ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				throw new RecognitionFailed("Tesseract failed: " + ex, ex);
			}
			finally {
				api.Clear();
			}
			lines.removeIf(l -> l.alnum < 3);
			return lines;
		}

		void end() {
			try {
				api.End();
				api.close();
			}
			catch (RuntimeException ex) {
				// already gone
			}
		}

	}

	/**
	 * A word is kept when Tesseract is confident and it looks like writing: at least half
	 * its characters letters or digits; a single character needs a higher confidence.
	 */
	static boolean plausible(String word, float conf, int minConfidence) {
		if (word.isEmpty() || conf < minConfidence) {
			return false;
		}
		int alnum = (int) word.codePoints().filter(Character::isLetterOrDigit).count();
		if (alnum * 2 < word.codePointCount(0, word.length())) {
			return false;
		}
		return alnum >= 2 || conf >= Math.max(minConfidence, 85);
	}

	/** words of one text line in the scaled image */
	static final class Line {

		final OcrPass pass;

		final java.util.EnumSet<OcrPass> passes;

		int support = 1;

		final StringBuilder text = new StringBuilder();

		double confSum;

		int words;

		int alnum;

		int x1 = Integer.MAX_VALUE, y1 = Integer.MAX_VALUE, x2 = Integer.MIN_VALUE, y2 = Integer.MIN_VALUE;

		Line(OcrPass pass) {
			this.pass = pass;
			this.passes = java.util.EnumSet.of(pass);
		}

		/** from a region at (dx, dy), scaled by {@code s}, to the whole picture */
		void place(double s, int dx, int dy) {
			if (words > 0) {
				x1 = dx + (int) Math.floor(x1 / s);
				y1 = dy + (int) Math.floor(y1 / s);
				x2 = dx + (int) Math.ceil(x2 / s);
				y2 = dy + (int) Math.ceil(y2 / s);
			}
		}

		double meanConfidence() {
			return words == 0 ? 0 : confSum / words;
		}

		void add(String word, float conf, int ax, int ay, int bx, int by) {
			if (text.length() > 0) {
				text.append(' ');
			}
			text.append(word);
			confSum += conf;
			words++;
			alnum += (int) word.codePoints().filter(Character::isLetterOrDigit).count();
			x1 = Math.min(x1, ax);
			y1 = Math.min(y1, ay);
			x2 = Math.max(x2, bx);
			y2 = Math.max(y2, by);
		}

		/**
		 * mean confidence × letters and digits, less one per word break (noise splits
		 * words)
		 */
		double weight() {
			return words == 0 ? 0 : confSum / words * (alnum - words + 1);
		}

		/** the boxes share at least half of the smaller one */
		boolean overlaps(Line o) {
			long iw = Math.min(x2, o.x2) - (long) Math.max(x1, o.x1);
			long ih = Math.min(y2, o.y2) - (long) Math.max(y1, o.y1);
			if (iw <= 0 || ih <= 0) {
				return false;
			}
			long smaller = Math.min((long) (x2 - x1) * (y2 - y1), (long) (o.x2 - o.x1) * (o.y2 - o.y1));
			return iw * ih * 2 >= smaller;
		}

		OcrLine toOcrLine(double scale, int maxW, int maxH) {
			int ax = clamp((int) Math.floor(x1 / scale), maxW);
			int ay = clamp((int) Math.floor(y1 / scale), maxH);
			int bx = clamp((int) Math.ceil(x2 / scale), maxW);
			int by = clamp((int) Math.ceil(y2 / scale), maxH);
			return new OcrLine(text.toString(), ax, ay, bx - ax, by - ay, Math.round(confSum / words * 10) / 10.0);
		}

		private static int clamp(int v, int max) {
			return Math.max(0, Math.min(v, max));
		}

	}

	// ------------------------------------------------------------------ pixels

	/**
	 * the picture to read: its luma, its red-against-green channel and, made on first
	 * use, its inverted luma
	 */
	static final class Picture {

		final Gray gray;

		/** red against green ({@link Gray#opponent(int)}), the same size */
		final Gray opponent;

		private Gray inverted;

		private Picture(Gray gray, Gray opponent) {
			this.gray = gray;
			this.opponent = opponent;
		}

		/** BT.601 luma and the red-against-green channel of {@code image}, in one pass */
		static Picture of(BufferedImage image) {
			int w = image.getWidth();
			int h = image.getHeight();
			int[] rgb = ImageInput.rgb(image);
			byte[] g = new byte[w * h];
			byte[] o = new byte[w * h];
			for (int i = 0; i < rgb.length; i++) {
				g[i] = (byte) Gray.luma(rgb[i]);
				o[i] = (byte) Gray.opponent(rgb[i]);
			}
			return new Picture(new Gray(w, h, g), new Gray(w, h, o));
		}

		Picture resize(double scale) {
			return new Picture(gray.resize(scale), opponent.resize(scale));
		}

		int w() {
			return gray.w;
		}

		int h() {
			return gray.h;
		}

		Gray inverted() {
			if (inverted == null) {
				inverted = gray.inverted();
			}
			return inverted;
		}

	}

	/**
	 * What one {@link #recognize(BufferedImage, Trace)} did: for tests and benchmarks.
	 */
	static final class Trace {

		enum Path {

			/** no region: no OCR */
			NO_REGION,
			/** the regions were read as crops */
			CROPS,
			/** busy; the stricter look found no region: no OCR */
			NO_STRICT_REGION,
			/** busy; the regions of the stricter look were read as crops */
			STRICT_CROPS,
			/** busy under the stricter look too: the whole picture was read */
			WHOLE

		}

		Path path;

		/** regions of the first look and of the stricter one (0 when not taken) */
		int regions, strictRegions;

		/** Tesseract recognitions and the pixels they were given */
		int calls;

		long pixels;

		/** crops read in the red-against-green channel (instead of or as well as luma) */
		int colourCrops;

		@Override
		public String toString() {
			return path + " regions=" + regions + " strict=" + strictRegions + " calls=" + calls + " pixels=" + pixels
					+ " colour=" + colourCrops;
		}

	}

	/** 8-bit grayscale pixels, row-major */
	record Gray(int w, int h, byte[] px) {

		/** share of the darkest and of the lightest pixels a stretch lets saturate */
		static final int STRETCH_TAIL_PERCENT = 1;

		/** BT.601 luma of {@code image} */
		static Gray of(BufferedImage image) {
			int[] rgb = ImageInput.rgb(image);
			byte[] g = new byte[rgb.length];
			for (int i = 0; i < rgb.length; i++) {
				g[i] = (byte) luma(rgb[i]);
			}
			return new Gray(image.getWidth(), image.getHeight(), g);
		}

		/** ITU-R BT.601 luma of a packed 0xRRGGBB pixel, integer */
		static int luma(int rgb) {
			return (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114 + 500) / 1000;
		}

		/**
		 * Red against green, 128 + (R − G) / 2 (0–255 without clamping): grey, white and
		 * black are 128, red ink bright, green dark. Red writing on a photo (luma 78 for
		 * (190, 30, 30), close to many backgrounds) is 208 here against 128 for any grey.
		 */
		static int opponent(int rgb) {
			return 128 + (((rgb >> 16) & 0xff) - ((rgb >> 8) & 0xff)) / 2;
		}

		Gray crop(int x, int y, int cw, int ch) {
			if (x == 0 && y == 0 && cw == w && ch == h) {
				return this;
			}
			byte[] out = new byte[cw * ch];
			for (int r = 0; r < ch; r++) {
				System.arraycopy(px, (y + r) * w + x, out, r * cw, cw);
			}
			return new Gray(cw, ch, out);
		}

		/**
		 * The levels between the darkest and the lightest {@value #STRETCH_TAIL_PERCENT}%
		 * spread over 0–255 (values beyond clamped).
		 */
		Gray stretched() {
			int[] hist = new int[256];
			for (byte b : px) {
				hist[b & 0xff]++;
			}
			int tail = px.length * STRETCH_TAIL_PERCENT / 100;
			int lo = 0;
			for (int n = hist[0]; n <= tail && lo < 255; n += hist[++lo]) {
			}
			int hi = 255;
			for (int n = hist[255]; n <= tail && hi > 0; n += hist[--hi]) {
			}
			if (hi - lo < 8 || lo == 0 && hi == 255) {
				return this;
			}
			byte[] map = new byte[256];
			for (int v = 0; v < 256; v++) {
				map[v] = (byte) Math.max(0, Math.min(255, (v - lo) * 255 / (hi - lo)));
			}
			byte[] out = new byte[px.length];
			for (int i = 0; i < px.length; i++) {
				out[i] = map[px[i] & 0xff];
			}
			return new Gray(w, h, out);
		}

		Gray inverted() {
			byte[] out = new byte[px.length];
			for (int i = 0; i < px.length; i++) {
				out[i] = (byte) (255 - (px[i] & 0xff));
			}
			return new Gray(w, h, out);
		}

		/**
		 * bilinear resize by {@code scale} (box-averaged when shrinking a lot is not
		 * needed here)
		 */
		Gray resize(double scale) {
			int nw = Math.max(1, (int) Math.round(w * scale));
			int nh = Math.max(1, (int) Math.round(h * scale));
			byte[] out = new byte[nw * nh];
			double sx = w / (double) nw;
			double sy = h / (double) nh;
			for (int y = 0; y < nh; y++) {
				double fy = Math.max(0, (y + 0.5) * sy - 0.5);
				int y0 = Math.min((int) fy, h - 1);
				int y1 = Math.min(y0 + 1, h - 1);
				double wy = fy - y0;
				for (int x = 0; x < nw; x++) {
					double fx = Math.max(0, (x + 0.5) * sx - 0.5);
					int x0 = Math.min((int) fx, w - 1);
					int x1 = Math.min(x0 + 1, w - 1);
					double wx = fx - x0;
					double top = (px[y0 * w + x0] & 0xff) * (1 - wx) + (px[y0 * w + x1] & 0xff) * wx;
					double bottom = (px[y1 * w + x0] & 0xff) * (1 - wx) + (px[y1 * w + x1] & 0xff) * wx;
					out[y * nw + x] = (byte) Math.round(top * (1 - wy) + bottom * wy);
				}
			}
			return new Gray(nw, nh, out);
		}

	}

}
