package dev.vetter.detection.image;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import tools.jackson.databind.JsonNode;

import dev.vetter.detection.image.TfjsModelFiles.Tensor;

/**
 * A small interpreter for Keras functional models of the MobileNetV2 kind, batch size
 * one, float32, TensorFlow padding rules. Supported layers: InputLayer, ZeroPadding2D,
 * Conv2D, DepthwiseConv2D, BatchNormalization, ReLU, Activation, Add, AveragePooling2D,
 * Flatten, Dense, Dropout. At load, every BatchNormalization that directly follows a
 * convolution is folded into that convolution's kernel and bias, a ReLU that follows it
 * becomes the convolution's output clamp, and a ZeroPadding2D read only by a convolution
 * becomes that convolution's padding.
 * <p>
 * <b>Layout.</b> The model's input and output are NHWC (Keras order), but activations
 * inside are <em>planar</em>: one {@code float[]} per channel holding its h×w pixels
 * row-major (CHW, each plane its own array). Every hot loop then runs over pixels with
 * all its arrays indexed by the same loop variable (plus at most one loop-invariant
 * offset), the only shape HotSpot C2 (Java 17) turns into AVX vector code; and it is long
 * (a whole plane or a tile of one), not the 16–1280 channels of one pixel. See
 * {@code docs/adr/0002-nsfwjs-interpreter.md}.
 * <p>
 * Immutable after construction; {@link #run} may be called from several threads at once.
 * Each call borrows a {@link Workspace} (all activation planes and scratch, sized at
 * load) from a small pool, so a call allocates almost nothing.
 */
final class KerasNetwork {

	/**
	 * An activation tensor: {@code c} planes of {@code h×w} floats, row-major. Planes are
	 * workspace buffers and may be longer than {@code h×w}; only the first {@code h×w}
	 * values are meaningful.
	 */
	record Act(int h, int w, int c, float[][] planes) {
		int pixels() {
			return h * w;
		}
	}

	/** Shape known at load time. */
	record Shape(int h, int w, int c) {
		int size() {
			return h * w * c;
		}

		@Override
		public String toString() {
			return h + "x" + w + "x" + c;
		}
	}

	private abstract static class Op {

		final String name;

		int[] inputs;

		int output;

		Shape shape;

		Op(String name, int[] inputs) {
			this.name = name;
			this.inputs = inputs;
		}

		/** computes {@code out} (its planes are this call's workspace buffers) */
		abstract void apply(Act[] in, Act out, Workspace ws);

		/** what the per-layer-kind profile groups this operation under */
		String kind() {
			return getClass().getSimpleName();
		}

		/** floats of scratch this operation needs in the workspace (one array) */
		int scratchFloats() {
			return 0;
		}

		/** number of scratch planes (for im2col) and their length */
		int[] scratchPlanes() {
			return new int[] { 0, 0 };
		}

	}

	/**
	 * Everything one call writes: a plane set per activation buffer (slots whose
	 * lifetimes do not overlap share a buffer), two shifted-copy planes for the depthwise
	 * convolutions and the im2col planes of a general convolution.
	 */
	static final class Workspace {

		final float[][][] buffers;

		final float[] left;

		final float[] right;

		final float[][] columns;

		Workspace(int[][] planeLengths, int shiftFloats, int[] scratchPlanes) {
			buffers = new float[planeLengths.length][][];
			for (int b = 0; b < planeLengths.length; b++) {
				buffers[b] = new float[planeLengths[b].length][];
				for (int k = 0; k < planeLengths[b].length; k++) {
					buffers[b][k] = new float[planeLengths[b][k]];
				}
			}
			left = new float[shiftFloats];
			right = new float[shiftFloats];
			columns = new float[scratchPlanes[0]][scratchPlanes[1]];
		}

		long floats() {
			long n = left.length + right.length;
			for (float[][] b : buffers) {
				for (float[] p : b) {
					n += p.length;
				}
			}
			for (float[] p : columns) {
				n += p.length;
			}
			return n;
		}

	}

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	/** idle workspaces kept for reuse; more concurrent calls allocate and drop theirs */
	private static final int KEEP_WORKSPACES = Math.max(2, Runtime.getRuntime().availableProcessors());

	private final Shape inputShape;

	private final List<Op> ops;

	private final int outputSlot;

	/** activation buffer of each slot */
	private final int[] bufferOf;

	/** per buffer, the length of each of its planes (the largest use of that plane) */
	private final int[][] planeLengths;

	private final int shiftFloats;

	private final int[] scratchPlanes;

	private final ConcurrentLinkedQueue<Workspace> idle = new ConcurrentLinkedQueue<>();

	private KerasNetwork(Shape inputShape, List<Op> ops, int outputSlot, int slotCount) {
		this.inputShape = inputShape;
		this.ops = ops;
		this.outputSlot = outputSlot;
		int[] lastUse = new int[slotCount];
		Arrays.fill(lastUse, -1);
		for (int i = 0; i < ops.size(); i++) {
			for (int s : ops.get(i).inputs) {
				lastUse[s] = i;
			}
		}
		// give each slot a buffer no live slot holds; a buffer is free again after the
		// last op that reads its slot
		bufferOf = new int[slotCount];
		Arrays.fill(bufferOf, -1);
		List<int[]> lengths = new ArrayList<>();
		ArrayDeque<Integer> free = new ArrayDeque<>();
		place(0, inputShape, lengths, free);
		int shift = 0;
		int[] scratch = { 0, 0 };
		for (int i = 0; i < ops.size(); i++) {
			Op op = ops.get(i);
			place(op.output, op.shape, lengths, free);
			for (int s : Arrays.stream(op.inputs).distinct().toArray()) {
				if (lastUse[s] == i && s != outputSlot) {
					free.push(bufferOf[s]);
				}
			}
			shift = Math.max(shift, op.scratchFloats());
			int[] sp = op.scratchPlanes();
			scratch[0] = Math.max(scratch[0], sp[0]);
			scratch[1] = Math.max(scratch[1], sp[1]);
		}
		this.planeLengths = lengths.toArray(int[][]::new);
		this.shiftFloats = shift;
		this.scratchPlanes = scratch;
	}

	private void place(int slot, Shape shape, List<int[]> lengths, ArrayDeque<Integer> free) {
		int b;
		if (free.isEmpty()) {
			b = lengths.size();
			lengths.add(new int[0]);
		}
		else {
			b = free.pop();
		}
		int[] len = lengths.get(b);
		if (len.length < shape.c()) {
			len = Arrays.copyOf(len, shape.c());
			lengths.set(b, len);
		}
		for (int k = 0; k < shape.c(); k++) {
			len[k] = Math.max(len[k], shape.h() * shape.w());
		}
		bufferOf[slot] = b;
	}

	Shape inputShape() {
		return inputShape;
	}

	int outputSize() {
		return ops.get(ops.size() - 1).shape.size();
	}

	int layerCount() {
		return ops.size();
	}

	/** floats one workspace holds (one per concurrent call) */
	long workspaceFloats() {
		return new Workspace(planeLengths, shiftFloats, scratchPlanes).floats();
	}

	/**
	 * Runs the network on one NHWC input of {@link #inputShape()}; returns the output
	 * vector (NHWC order).
	 */
	float[] run(float[] input) {
		return run(input, null);
	}

	/**
	 * {@link #run(float[])}, adding the thread CPU nanoseconds of each operation to
	 * {@code cpuByKind} under its {@link Op#kind()} (for the benchmark's breakdown).
	 */
	float[] run(float[] input, Map<String, Long> cpuByKind) {
		if (input.length != inputShape.size()) {
			throw new IllegalArgumentException("input must hold " + inputShape + " floats, got " + input.length);
		}
		Workspace ws = idle.poll();
		if (ws == null) {
			ws = new Workspace(planeLengths, shiftFloats, scratchPlanes);
		}
		try {
			return run(input, ws, cpuByKind);
		}
		finally {
			if (idle.size() < KEEP_WORKSPACES) {
				idle.offer(ws);
			}
		}
	}

	private float[] run(float[] input, Workspace ws, Map<String, Long> cpuByKind) {
		Act[] slots = new Act[bufferOf.length];
		Act first = act(0, inputShape, ws);
		int n = first.pixels();
		for (int p = 0; p < n; p++) {
			for (int c = 0; c < first.c; c++) {
				first.planes[c][p] = input[p * first.c + c];
			}
		}
		slots[0] = first;
		for (Op op : ops) {
			Act[] in = new Act[op.inputs.length];
			for (int k = 0; k < in.length; k++) {
				in[k] = slots[op.inputs[k]];
			}
			Act out = act(op.output, op.shape, ws);
			if (cpuByKind == null) {
				op.apply(in, out, ws);
			}
			else {
				long t = THREADS.getCurrentThreadCpuTime();
				op.apply(in, out, ws);
				cpuByKind.merge(op.kind(), THREADS.getCurrentThreadCpuTime() - t, Long::sum);
			}
			slots[op.output] = out;
		}
		return toHwc(slots[outputSlot]);
	}

	private Act act(int slot, Shape shape, Workspace ws) {
		return new Act(shape.h(), shape.w(), shape.c(), ws.buffers[bufferOf[slot]]);
	}

	/** a fresh array in Keras (HWC) order */
	private static float[] toHwc(Act a) {
		int n = a.pixels();
		float[] out = new float[n * a.c];
		for (int c = 0; c < a.c; c++) {
			float[] plane = a.planes[c];
			for (int p = 0; p < n; p++) {
				out[p * a.c + c] = plane[p];
			}
		}
		return out;
	}

	// ---------------------------------------------------------------- loading

	static KerasNetwork build(JsonNode root, Map<String, Tensor> weights) {
		return new Builder(weights).build(root.path("modelTopology").path("model_config").path("config"));
	}

	private static final class Builder {

		private final Map<String, Tensor> weights;

		private final Map<String, Integer> slotOf = new HashMap<>();

		private final Map<Integer, Shape> shapeOf = new HashMap<>();

		/** op that produced a slot (absent for the input) */
		private final Map<Integer, Op> producer = new HashMap<>();

		private final Map<String, Integer> consumers = new HashMap<>();

		/**
		 * the layer whose output a slot currently holds (changes when a layer is folded
		 * in)
		 */
		private final Map<Integer, String> valueName = new HashMap<>();

		private final List<Op> ops = new ArrayList<>();

		private final java.util.Set<String> usedWeights = new java.util.HashSet<>();

		private int nextSlot = 1;

		private Shape input;

		Builder(Map<String, Tensor> weights) {
			this.weights = weights;
		}

		KerasNetwork build(JsonNode config) {
			JsonNode layers = config.path("layers");
			for (JsonNode layer : layers) {
				for (String in : inboundNames(layer)) {
					consumers.merge(in, 1, Integer::sum);
				}
			}
			for (JsonNode layer : layers) {
				add(layer);
			}
			if (input == null) {
				throw new ModelFileCorrupt("model topology: no InputLayer");
			}
			String outName = config.path("output_layers").path(0).path(0).asString("");
			if (outName.isEmpty() && !layers.isEmpty()) {
				outName = layers.get(layers.size() - 1).path("name").asString("");
			}
			Integer out = slotOf.get(outName);
			if (out == null) {
				throw new ModelFileCorrupt("model topology: output layer '" + outName + "' is not defined");
			}
			if (ops.isEmpty() || ops.get(ops.size() - 1).output != out) {
				throw new ModelFileCorrupt("model topology: output layer '" + outName + "' is not the last layer");
			}
			for (String w : weights.keySet()) {
				if (!usedWeights.contains(w)) {
					throw new ModelFileCorrupt("weights: " + w + " belongs to no layer of the topology");
				}
			}
			for (Op op : ops) {
				if (op instanceof Conv conv) {
					conv.pack();
				}
			}
			return new KerasNetwork(input, List.copyOf(ops), out, nextSlot);
		}

		private static List<String> inboundNames(JsonNode layer) {
			List<String> names = new ArrayList<>();
			JsonNode nodes = layer.path("inbound_nodes");
			if (nodes.size() > 1) {
				throw new ModelFileCorrupt(
						"layer '" + layer.path("name").asString("") + "': shared layers are not supported");
			}
			for (JsonNode ref : nodes.path(0)) {
				names.add(ref.path(0).asString(""));
			}
			return names;
		}

		private void add(JsonNode layer) {
			String name = layer.path("name").asString("");
			String kind = layer.path("class_name").asString("");
			JsonNode cfg = layer.path("config");
			if (name.isEmpty() || slotOf.containsKey(name)) {
				throw new ModelFileCorrupt("model topology: layer name '" + name + "' is empty or repeated");
			}
			List<String> inNames = inboundNames(layer);
			int[] in = new int[inNames.size()];
			for (int i = 0; i < in.length; i++) {
				Integer s = slotOf.get(inNames.get(i));
				if (s == null) {
					throw new ModelFileCorrupt(
							"layer '" + name + "': input '" + inNames.get(i) + "' is not defined before it");
				}
				in[i] = s;
			}
			if (kind.equals("InputLayer")) {
				JsonNode shape = cfg.path("batch_input_shape");
				if (input != null || shape.size() != 4 || in.length != 0) {
					throw new ModelFileCorrupt("layer '" + name + "': expected one InputLayer of shape [null,h,w,c]");
				}
				input = new Shape(positive(name, shape.get(1)), positive(name, shape.get(2)),
						positive(name, shape.get(3)));
				alias(name, 0);
				shapeOf.put(0, input);
				return;
			}
			int arity = kind.equals("Add") ? -1 : 1;
			if (arity == 1 && in.length != 1 || arity == -1 && in.length < 2) {
				throw new ModelFileCorrupt("layer '" + name + "': wrong number of inputs (" + in.length + ")");
			}
			Shape s = shapeOf.get(in[0]);
			switch (kind) {
				case "Dropout" -> alias(name, in[0]); // inference: identity
				case "BatchNormalization" -> batchNorm(name, cfg, in[0], s);
				case "ReLU", "Activation" -> relu(name, kind, cfg, in[0], s);
				case "ZeroPadding2D" -> {
					JsonNode p = cfg.path("padding");
					int t = nonNegative(name, p.path(0).path(0)), b = nonNegative(name, p.path(0).path(1));
					int l = nonNegative(name, p.path(1).path(0)), r = nonNegative(name, p.path(1).path(1));
					emit(name, new ZeroPad(name, in, t, l), new Shape(s.h + t + b, s.w + l + r, s.c));
				}
				case "Conv2D", "DepthwiseConv2D" -> conv(name, kind, cfg, in, s);
				case "Add" -> {
					for (int x : in) {
						if (!shapeOf.get(x).equals(s)) {
							throw new ModelFileCorrupt("layer '" + name + "': inputs differ in shape");
						}
					}
					emit(name, new AddOp(name, in), s);
				}
				case "AveragePooling2D" -> {
					int ph = positive(name, cfg.path("pool_size").path(0)),
							pw = positive(name, cfg.path("pool_size").path(1));
					int sh = positive(name, cfg.path("strides").path(0)),
							sw = positive(name, cfg.path("strides").path(1));
					if (!"valid".equals(cfg.path("padding").asString("")) || s.h < ph || s.w < pw) {
						throw new ModelFileCorrupt("layer '" + name + "': only 'valid' pooling that fits is supported");
					}
					emit(name, new AvgPool(name, in, ph, pw, sh, sw),
							new Shape((s.h - ph) / sh + 1, (s.w - pw) / sw + 1, s.c));
				}
				case "Flatten" -> emit(name, new FlattenOp(name, in), new Shape(1, 1, s.size()));
				case "Dense" -> dense(name, cfg, in, s);
				default -> throw new ModelFileCorrupt("layer '" + name + "': unsupported layer class '" + kind + "'");
			}
		}

		private void emit(String name, Op op, Shape shape) {
			op.output = nextSlot++;
			op.shape = shape;
			ops.add(op);
			slotOf.put(name, op.output);
			valueName.put(op.output, name);
			shapeOf.put(op.output, shape);
			producer.put(op.output, op);
		}

		private Tensor weight(String layer, String part, int... shape) {
			String key = layer + "/" + part;
			Tensor t = weights.get(key);
			if (t == null) {
				throw new ModelFileCorrupt("layer '" + layer + "': weight " + key + " is missing");
			}
			if (!java.util.Arrays.equals(t.shape(), shape)) {
				throw new ModelFileCorrupt("layer '" + layer + "': weight " + key + " has shape "
						+ java.util.Arrays.toString(t.shape()) + ", expected " + java.util.Arrays.toString(shape));
			}
			usedWeights.add(key);
			return t;
		}

		private void conv(String name, String kind, JsonNode cfg, int[] in, Shape s) {
			boolean depthwise = kind.equals("DepthwiseConv2D");
			int kh = positive(name, cfg.path("kernel_size").path(0)),
					kw = positive(name, cfg.path("kernel_size").path(1));
			int sh = positive(name, cfg.path("strides").path(0)), sw = positive(name, cfg.path("strides").path(1));
			if (cfg.path("dilation_rate").path(0).asInt(1) != 1 || cfg.path("dilation_rate").path(1).asInt(1) != 1) {
				throw new ModelFileCorrupt("layer '" + name + "': dilation is not supported");
			}
			String padding = cfg.path("padding").asString("");
			int outH, outW, padTop, padLeft;
			if (padding.equals("valid")) {
				if (s.h < kh || s.w < kw) {
					throw new ModelFileCorrupt("layer '" + name + "': kernel larger than its input " + s);
				}
				outH = (s.h - kh) / sh + 1;
				outW = (s.w - kw) / sw + 1;
				padTop = 0;
				padLeft = 0;
			}
			else if (padding.equals("same")) {
				outH = (s.h + sh - 1) / sh;
				outW = (s.w + sw - 1) / sw;
				padTop = Math.max(0, (outH - 1) * sh + kh - s.h) / 2;
				padLeft = Math.max(0, (outW - 1) * sw + kw - s.w) / 2;
			}
			else {
				throw new ModelFileCorrupt("layer '" + name + "': unknown padding '" + padding + "'");
			}
			int cout;
			float[] kernel;
			if (depthwise) {
				if (cfg.path("depth_multiplier").asInt(1) != 1) {
					throw new ModelFileCorrupt("layer '" + name + "': depth_multiplier other than 1 is not supported");
				}
				cout = s.c;
				kernel = weight(name, "depthwise_kernel", kh, kw, s.c, 1).values().clone();
			}
			else {
				cout = positive(name, cfg.path("filters"));
				kernel = weight(name, "kernel", kh, kw, s.c, cout).values().clone();
			}
			float[] bias = cfg.path("use_bias").asBoolean(true) ? weight(name, "bias", cout).values().clone()
					: new float[cout];
			// a ZeroPadding2D read only by this convolution becomes its padding (zero
			// taps
			// are skipped rather than copied)
			if (producer.get(in[0]) instanceof ZeroPad pad && consumers.getOrDefault(valueName.get(in[0]), 0) == 1) {
				ops.remove(pad);
				in = pad.inputs;
				s = shapeOf.get(in[0]);
				padTop += pad.top;
				padLeft += pad.left;
			}
			Conv op = new Conv(name, in, depthwise, s, kh, kw, sh, sw, padTop, padLeft, outH, outW, cout, kernel, bias);
			activation(name, cfg.path("activation").asString("linear"), op);
			emit(name, op, new Shape(outH, outW, cout));
		}

		private static void activation(String name, String activation, Conv op) {
			switch (activation) {
				case "linear" -> {
				}
				case "relu" -> op.lo = 0f;
				case "relu6" -> {
					op.lo = 0f;
					op.hi = 6f;
				}
				default ->
					throw new ModelFileCorrupt("layer '" + name + "': unsupported activation '" + activation + "'");
			}
		}

		private void batchNorm(String name, JsonNode cfg, int in, Shape s) {
			int axis = cfg.path("axis").asInt(-1);
			if (axis != -1 && axis != 3) {
				throw new ModelFileCorrupt("layer '" + name + "': only channel-axis batch normalisation is supported");
			}
			double eps = cfg.path("epsilon").asDouble(1e-3);
			float[] mean = weight(name, "moving_mean", s.c).values();
			float[] var = weight(name, "moving_variance", s.c).values();
			float[] gamma = cfg.path("scale").asBoolean(true) ? weight(name, "gamma", s.c).values() : null;
			float[] beta = cfg.path("center").asBoolean(true) ? weight(name, "beta", s.c).values() : null;
			float[] mul = new float[s.c];
			float[] add = new float[s.c];
			for (int c = 0; c < s.c; c++) {
				double f = (gamma == null ? 1.0 : gamma[c]) / Math.sqrt(var[c] + eps);
				mul[c] = (float) f;
				add[c] = (float) ((beta == null ? 0.0 : beta[c]) - mean[c] * f);
			}
			if (producer.get(in) instanceof Conv conv && consumers.getOrDefault(valueName.get(in), 0) == 1
					&& conv.lo == Float.NEGATIVE_INFINITY && conv.hi == Float.POSITIVE_INFINITY) {
				conv.fold(mul, add);
				alias(name, in);
				return;
			}
			emit(name, new Affine(name, new int[] { in }, mul, add), s);
		}

		private void relu(String name, String kind, JsonNode cfg, int in, Shape s) {
			float lo = 0f;
			float hi = Float.POSITIVE_INFINITY;
			if (kind.equals("Activation")) {
				String a = cfg.path("activation").asString("");
				if (a.equals("linear")) {
					alias(name, in);
					return;
				}
				if (a.equals("relu6")) {
					hi = 6f;
				}
				else if (!a.equals("relu")) {
					throw new ModelFileCorrupt("layer '" + name + "': unsupported activation '" + a + "'");
				}
			}
			else {
				if (cfg.path("negative_slope").asDouble(0) != 0 || cfg.path("threshold").asDouble(0) != 0) {
					throw new ModelFileCorrupt(
							"layer '" + name + "': only plain ReLU (no slope, no threshold) is supported");
				}
				JsonNode max = cfg.path("max_value");
				if (max.isNumber()) {
					hi = (float) max.doubleValue();
				}
			}
			// fuse into the convolution when nothing else reads the value before the
			// clamp
			if (producer.get(in) instanceof Conv conv && consumers.getOrDefault(valueName.get(in), 0) == 1) {
				conv.lo = Math.max(conv.lo, lo);
				conv.hi = Math.min(conv.hi, hi);
				alias(name, in);
				return;
			}
			emit(name, new Clamp(name, new int[] { in }, lo, hi), s);
		}

		/**
		 * binds a layer name to an existing slot whose value it passes on unchanged or
		 * folded
		 */
		private void alias(String name, int slot) {
			slotOf.put(name, slot);
			valueName.put(slot, name);
		}

		private void dense(String name, JsonNode cfg, int[] in, Shape s) {
			if (s.h != 1 || s.w != 1) {
				throw new ModelFileCorrupt("layer '" + name + "': Dense needs a flat input, got " + s);
			}
			int units = positive(name, cfg.path("units"));
			float[] kernel = weight(name, "kernel", s.c, units).values();
			float[] bias = cfg.path("use_bias").asBoolean(true) ? weight(name, "bias", units).values()
					: new float[units];
			String act = cfg.path("activation").asString("linear");
			if (!act.equals("linear") && !act.equals("relu") && !act.equals("softmax")) {
				throw new ModelFileCorrupt("layer '" + name + "': unsupported activation '" + act + "'");
			}
			emit(name, new DenseOp(name, in, s.c, units, kernel, bias, act), new Shape(1, 1, units));
		}

		private static int positive(String layer, JsonNode n) {
			int v = n.asInt(0);
			if (!n.isNumber() || v <= 0 || v > 100_000) {
				throw new ModelFileCorrupt("layer '" + layer + "': expected a positive size, got '" + n + "'");
			}
			return v;
		}

		private static int nonNegative(String layer, JsonNode n) {
			int v = n.asInt(-1);
			if (!n.isNumber() || v < 0 || v > 100_000) {
				throw new ModelFileCorrupt("layer '" + layer + "': expected a padding size, got '" + n + "'");
			}
			return v;
		}

	}

	// ---------------------------------------------------------------- operations

	/**
	 * Pixels per tile of a matrix product: 1024 floats (4 KB) per plane, so the output
	 * row being summed stays in L1 and the tile of all input planes in L2.
	 */
	static final int TILE = 1024;

	/*
	 * The loop steps of matrixProduct's outer loops, read from fields HotSpot cannot
	 * fold. With constant steps C2 makes those loops counted loops and eliminates their
	 * range checks by splitting each into three copies, which clones the inner loop three
	 * times and then leaves it scalar (measured at about 5 instead of 30-40 G
	 * multiply-adds/s); with an unknown step it does not. (Measured with the two-output
	 * sweep of session 5; with today's one-output sweep constants measured the same,
	 * within the noise, so the guard stays.)
	 */
	private static int tileStep = TILE;

	private static int quadStep = 4;

	/*
	 * 1×1 convolutions on planes of at most this many pixels (MobileNetV2: the 7×7
	 * layers) loop over output channels instead of pixels. Measured on the EPYC machine:
	 * 26.6 -> 22.1 ms CPU per image with the 7×7 layers pixel-major; turning the 14×14
	 * layers round as well was slower (23.4 ms).
	 */
	static final int PIXEL_MAJOR_MAX = 64;

	// Method comments in Conv are block comments, not Javadoc: Spring Modulith's
	// documentation source
	// cannot match documented methods with array parameters here (ModularityTests fails
	// on them).
	private static final class Conv extends Op {

		final boolean depthwise;

		final int inH, inW, cin, kh, kw, sh, sw, padTop, padLeft, outH, outW, cout;

		/* Keras layout {@code [kh][kw][cin][cout]} ({@code [kh][kw][c][1]} depthwise) */
		final float[] kernel;

		final float[] bias;

		float lo = Float.NEGATIVE_INFINITY;

		float hi = Float.POSITIVE_INFINITY;

		/*
		 * the kernel rearranged for {@link #apply}: {@code [cout][kh][kw][cin]} (one row
		 * of weights per output channel, in im2col plane order), or {@code [c][kh][kw]}
		 * depthwise
		 */
		float[] packed;

		/*
		 * for a pixel-major 1×1 convolution: row ci holds the weights of input ci to
		 * every output
		 */
		float[][] byInput;

		Conv(String name, int[] inputs, boolean depthwise, Shape in, int kh, int kw, int sh, int sw, int padTop,
				int padLeft, int outH, int outW, int cout, float[] kernel, float[] bias) {
			super(name, inputs);
			this.depthwise = depthwise;
			this.inH = in.h;
			this.inW = in.w;
			this.cin = in.c;
			this.kh = kh;
			this.kw = kw;
			this.sh = sh;
			this.sw = sw;
			this.padTop = padTop;
			this.padLeft = padLeft;
			this.outH = outH;
			this.outW = outW;
			this.cout = cout;
			this.kernel = kernel;
			this.bias = bias;
		}

		/*
		 * y = (conv + bias) * mul + add, folded into kernel and bias per output channel
		 */
		void fold(float[] mul, float[] add) {
			for (int i = 0; i < kernel.length; i++) {
				kernel[i] *= mul[i % cout];
			}
			for (int c = 0; c < cout; c++) {
				bias[c] = bias[c] * mul[c] + add[c];
			}
		}

		/* once folding is done: the kernel in the order {@link #apply} reads it */
		void pack() {
			int taps = kh * kw;
			if (depthwise) {
				packed = new float[cout * taps];
				for (int c = 0; c < cout; c++) {
					for (int t = 0; t < taps; t++) {
						packed[c * taps + t] = kernel[t * cout + c];
					}
				}
			}
			else {
				int rows = taps * cin;
				packed = new float[cout * rows];
				for (int co = 0; co < cout; co++) {
					for (int q = 0; q < rows; q++) {
						packed[co * rows + q] = kernel[q * cout + co];
					}
				}
				if (pixelMajor()) {
					byInput = new float[cin][];
					for (int ci = 0; ci < cin; ci++) {
						byInput[ci] = Arrays.copyOfRange(kernel, ci * cout, (ci + 1) * cout);
					}
				}
			}
		}

		/* a 1×1 convolution on planes too small for a vector loop over pixels */
		boolean pixelMajor() {
			return pointwise() && outH * outW <= PIXEL_MAJOR_MAX;
		}

		boolean pointwise() {
			return !depthwise && kh == 1 && kw == 1 && sh == 1 && sw == 1 && padTop == 0 && padLeft == 0 && outH == inH
					&& outW == inW;
		}

		/* a 3×3 stride-1 'same' depthwise convolution, the common MobileNetV2 case */
		boolean depthwise3x3Same() {
			return depthwise && kh == 3 && kw == 3 && sh == 1 && sw == 1 && padTop == 1 && padLeft == 1 && outH == inH
					&& outW == inW;
		}

		boolean clamps() {
			return lo != Float.NEGATIVE_INFINITY || hi != Float.POSITIVE_INFINITY;
		}

		@Override
		String kind() {
			if (depthwise) {
				return "depthwise " + kh + "x" + kw + (depthwise3x3Same() ? "" : ", stride " + sh);
			}
			if (pointwise()) {
				return (cout > cin ? "pointwise 1x1, expand" : "pointwise 1x1, project")
						+ (pixelMajor() ? ", pixel-major" : "");
			}
			return "conv " + kh + "x" + kw + " (im2col + matrix product)";
		}

		@Override
		int scratchFloats() {
			return depthwise3x3Same() ? inH * inW : 0;
		}

		@Override
		int[] scratchPlanes() {
			if (pixelMajor()) {
				return new int[] { outH * outW, cout };
			}
			return depthwise || pointwise() ? new int[] { 0, 0 }
					: new int[] { kh * kw * cin + cout, Math.min(TILE, outH * outW) };
		}

		@Override
		void apply(Act[] inputs, Act out, Workspace ws) {
			float[][] in = inputs[0].planes();
			if (pixelMajor()) {
				pixelMajorProduct(in, out.planes(), outH * outW, ws.columns);
			}
			else if (pointwise()) {
				matrixProduct(in, cin, out.planes(), 0, outH * outW);
			}
			else if (depthwise3x3Same()) {
				for (int c = 0; c < cout; c++) {
					depthwise3x3Same(in[c], out.planes()[c], c, ws);
				}
			}
			else if (depthwise) {
				for (int c = 0; c < cout; c++) {
					depthwiseGeneral(in[c], out.planes()[c], c);
				}
			}
			else {
				// one tile of output pixels at a time: its im2col rows (the first k
				// scratch
				// planes) and its outputs (the next cout) stay in L2, and the scratch is
				// k + cout planes of one tile, not k planes of the whole output
				int k = kh * kw * cin, n = outH * outW;
				float[][] columns = ws.columns;
				float[][] o = out.planes();
				for (int p0 = 0; p0 < n; p0 += TILE) {
					int len = Math.min(TILE, n - p0);
					im2col(in, columns, p0, p0 + len);
					matrixProduct(columns, k, columns, k, len);
					for (int co = 0; co < cout; co++) {
						System.arraycopy(columns[k + co], 0, o[co], p0, len);
					}
				}
			}
		}

		/*
		 * out[co] = bias[co] + Σ_q packed[co][q] · rows[q], over {@code n} pixels: the
		 * 1×1 convolution (rows = input planes) or a general one (rows = im2col planes).
		 * One output plane takes four input rows per sweep (4 multiply-adds per 5 loads
		 * and 1 store), the loop body HotSpot vectorises on the AMD EPYC test machine (a
		 * 2×4 body stayed scalar there), then the rows left over one at a time. Over
		 * tiles of {@link #TILE} pixels, so the output row being summed stays in L1; bias
		 * first, clamp last. Output plane co is {@code out[outBase + co]}. Every output's
		 * sum is formed in the same order as before (bias, then groups of four rows, then
		 * the rest), so the results are the same floats.
		 */
		private void matrixProduct(float[][] rows, int k, float[][] out, int outBase, int n) {
			int tile = tileStep, quad = quadStep;
			for (int p0 = 0; p0 < n; p0 += tile) {
				int p1 = Math.min(n, p0 + tile);
				for (int co = 0; co < cout; co++) {
					float[] o = out[outBase + co];
					Arrays.fill(o, p0, p1, bias[co]);
					int w = co * k;
					int q = 0;
					for (; q + 3 < k; q += quad) {
						sweep1x4(rows[q], rows[q + 1], rows[q + 2], rows[q + 3], o, packed[w + q], packed[w + q + 1],
								packed[w + q + 2], packed[w + q + 3], p0, p1);
					}
					for (; q < k; q++) {
						sweep1x1(rows[q], o, packed[w + q], p0, p1);
					}
					clamp(o, p0, p1);
				}
			}
		}

		/*
		 * The 1×1 convolution of small planes with the loops turned round: for each pixel
		 * p, rowOf[p][co] = bias[co] + Σ_ci in[ci][p] · byInput[ci][co], the inner loop
		 * over the output channels (160–1280 long, where a 7×7 plane has 49 pixels), four
		 * inputs per sweep, the same sweeps as {@link #matrixProduct} with the roles of
		 * weights and inputs swapped; then clamped and copied into the output planes.
		 * Each sum is formed in the same order as in matrixProduct.
		 */
		private void pixelMajorProduct(float[][] in, float[][] out, int n, float[][] rowOf) {
			int quad = quadStep;
			for (int p = 0; p < n; p++) {
				float[] o = rowOf[p];
				System.arraycopy(bias, 0, o, 0, cout);
				int ci = 0;
				for (; ci + 3 < cin; ci += quad) {
					sweep1x4(byInput[ci], byInput[ci + 1], byInput[ci + 2], byInput[ci + 3], o, in[ci][p],
							in[ci + 1][p], in[ci + 2][p], in[ci + 3][p], 0, cout);
				}
				for (; ci < cin; ci++) {
					sweep1x1(byInput[ci], o, in[ci][p], 0, cout);
				}
			}
			float l = lo, h = hi;
			for (int co = 0; co < cout; co++) {
				float[] plane = out[co];
				for (int p = 0; p < n; p++) {
					plane[p] = Math.min(Math.max(rowOf[p][co], l), h);
				}
			}
		}

		/* o += a·x over four rows x and elements [p0, p1): the kernel of the product */
		private static void sweep1x4(float[] x0, float[] x1, float[] x2, float[] x3, float[] o, float a0, float a1,
				float a2, float a3, int p0, int p1) {
			for (int p = p0; p < p1; p++) {
				o[p] += a0 * x0[p] + a1 * x1[p] + a2 * x2[p] + a3 * x3[p];
			}
		}

		/* one input row into one output */
		private static void sweep1x1(float[] x, float[] o, float a, int p0, int p1) {
			for (int p = p0; p < p1; p++) {
				o[p] += a * x[p];
			}
		}

		private void clamp(float[] o, int p0, int p1) {
			if (!clamps()) {
				return;
			}
			float l = lo, h = hi;
			for (int p = p0; p < p1; p++) {
				o[p] = Math.min(Math.max(o[p], l), h);
			}
		}

		/*
		 * im2col of output pixels [p0, p1): row {@code (ky*kw + kx)*cin + ci}, element
		 * {@code p - p0}, holds the input value under tap (ky, kx) of channel ci for
		 * output pixel p (zero in the padding), so the convolution of that tile becomes
		 * {@link #matrixProduct}. Used for the first 3×3 stride-2 convolution on the RGB
		 * planes (27 rows).
		 */
		private void im2col(float[][] in, float[][] columns, int p0, int p1) {
			for (int ky = 0; ky < kh; ky++) {
				for (int kx = 0; kx < kw; kx++) {
					for (int ci = 0; ci < cin; ci++) {
						float[] x = in[ci];
						float[] col = columns[(ky * kw + kx) * cin + ci];
						for (int p = p0; p < p1;) {
							int oy = p / outW;
							int end = Math.min(p1, (oy + 1) * outW);
							int iy = oy * sh + ky - padTop;
							if (iy < 0 || iy >= inH) {
								Arrays.fill(col, p - p0, end - p0, 0f);
							}
							else {
								int ib = iy * inW;
								for (int q = p; q < end; q++) {
									int ix = (q - oy * outW) * sw + kx - padLeft;
									col[q - p0] = ix < 0 || ix >= inW ? 0f : x[ib + ix];
								}
							}
							p = end;
						}
					}
				}
			}
		}

		/*
		 * One channel of a 3×3 stride-1 'same' depthwise convolution, as three sweeps
		 * over the whole plane, one per kernel row. The left and right neighbours are
		 * read from two shifted copies of the plane (zero where the shift crosses a row
		 * end), so every array in a sweep is indexed by the pixel plus one loop-invariant
		 * row offset and the sweeps vectorise.
		 */
		private void depthwise3x3Same(float[] x, float[] o, int c, Workspace ws) {
			int w = inW;
			int n = inH * inW;
			float[] l = ws.left;
			float[] r = ws.right;
			// l[p] = x[p - 1], r[p] = x[p + 1] within a row, 0 across a row end
			System.arraycopy(x, 0, l, 1, n - 1);
			System.arraycopy(x, 1, r, 0, n - 1);
			for (int row = 0; row < n; row += w) {
				l[row] = 0f;
				r[row + w - 1] = 0f;
			}
			int k = c * 9;
			float[] kk = packed;
			// middle kernel row, with the bias: every pixel
			float b = bias[c], k3 = kk[k + 3], k4 = kk[k + 4], k5 = kk[k + 5];
			for (int p = 0; p < n; p++) {
				o[p] = b + k3 * l[p] + k4 * x[p] + k5 * r[p];
			}
			// top kernel row reads the row above: every pixel but those of the first row
			kernelRow(x, l, r, o, -w, kk[k], kk[k + 1], kk[k + 2], w, n);
			// bottom kernel row reads the row below: every pixel but those of the last
			// row
			kernelRow(x, l, r, o, w, kk[k + 6], kk[k + 7], kk[k + 8], 0, n - w);
			clamp(o, 0, n);
		}

		private static void kernelRow(float[] x, float[] l, float[] r, float[] o, int d, float k0, float k1, float k2,
				int from, int to) {
			for (int p = from; p < to; p++) {
				o[p] += k0 * l[p + d] + k1 * x[p + d] + k2 * r[p + d];
			}
		}

		/*
		 * One channel of any other depthwise convolution (MobileNetV2: 3×3 stride 2), in
		 * scalar code (a strided read does not vectorise). A window wholly inside the
		 * input sums its nine taps without bounds checks; border windows skip the taps in
		 * the padding.
		 */
		private void depthwiseGeneral(float[] x, float[] o, int c) {
			int taps = kh * kw;
			int k = c * taps;
			float b = bias[c];
			boolean threeByThree = kh == 3 && kw == 3;
			float k0 = 0, k1 = 0, k2 = 0, k3 = 0, k4 = 0, k5 = 0, k6 = 0, k7 = 0, k8 = 0;
			if (threeByThree) {
				k0 = packed[k];
				k1 = packed[k + 1];
				k2 = packed[k + 2];
				k3 = packed[k + 3];
				k4 = packed[k + 4];
				k5 = packed[k + 5];
				k6 = packed[k + 6];
				k7 = packed[k + 7];
				k8 = packed[k + 8];
			}
			for (int oy = 0; oy < outH; oy++) {
				int iy = oy * sh - padTop;
				boolean rowsInside = threeByThree && iy >= 0 && iy + 3 <= inH;
				for (int ox = 0; ox < outW; ox++) {
					int ix = ox * sw - padLeft;
					float s;
					if (rowsInside && ix >= 0 && ix + 3 <= inW) {
						int i0 = iy * inW + ix;
						int i1 = i0 + inW;
						int i2 = i1 + inW;
						s = b + x[i0] * k0 + x[i0 + 1] * k1 + x[i0 + 2] * k2 + x[i1] * k3 + x[i1 + 1] * k4
								+ x[i1 + 2] * k5 + x[i2] * k6 + x[i2 + 1] * k7 + x[i2 + 2] * k8;
					}
					else {
						s = b;
						for (int ky = 0; ky < kh; ky++) {
							if (iy + ky < 0 || iy + ky >= inH) {
								continue;
							}
							for (int kx = 0; kx < kw; kx++) {
								if (ix + kx >= 0 && ix + kx < inW) {
									s += x[(iy + ky) * inW + ix + kx] * packed[k + ky * kw + kx];
								}
							}
						}
					}
					o[oy * outW + ox] = Math.min(Math.max(s, lo), hi);
				}
			}
		}

	}

	private static final class ZeroPad extends Op {

		final int top, left;

		ZeroPad(String name, int[] inputs, int top, int left) {
			super(name, inputs);
			this.top = top;
			this.left = left;
		}

		@Override
		void apply(Act[] in, Act out, Workspace ws) {
			Act a = in[0];
			for (int c = 0; c < a.c(); c++) {
				float[] o = out.planes()[c];
				Arrays.fill(o, 0, out.pixels(), 0f);
				for (int y = 0; y < a.h(); y++) {
					System.arraycopy(a.planes()[c], y * a.w(), o, (y + top) * out.w() + left, a.w());
				}
			}
		}

	}

	private static final class AddOp extends Op {

		AddOp(String name, int[] inputs) {
			super(name, inputs);
		}

		@Override
		void apply(Act[] in, Act out, Workspace ws) {
			int n = out.pixels();
			for (int c = 0; c < out.c(); c++) {
				float[] sum = out.planes()[c];
				System.arraycopy(in[0].planes()[c], 0, sum, 0, n);
				for (int k = 1; k < in.length; k++) {
					float[] b = in[k].planes()[c];
					for (int p = 0; p < n; p++) {
						sum[p] += b[p];
					}
				}
			}
		}

	}

	private static final class Affine extends Op {

		final float[] mul, add;

		Affine(String name, int[] inputs, float[] mul, float[] add) {
			super(name, inputs);
			this.mul = mul;
			this.add = add;
		}

		@Override
		void apply(Act[] in, Act out, Workspace ws) {
			int n = out.pixels();
			for (int c = 0; c < out.c(); c++) {
				float[] x = in[0].planes()[c];
				float[] y = out.planes()[c];
				float m = mul[c], a = add[c];
				for (int p = 0; p < n; p++) {
					y[p] = x[p] * m + a;
				}
			}
		}

	}

	private static final class Clamp extends Op {

		final float lo, hi;

		Clamp(String name, int[] inputs, float lo, float hi) {
			super(name, inputs);
			this.lo = lo;
			this.hi = hi;
		}

		@Override
		void apply(Act[] in, Act out, Workspace ws) {
			int n = out.pixels();
			for (int c = 0; c < out.c(); c++) {
				float[] x = in[0].planes()[c];
				float[] y = out.planes()[c];
				for (int p = 0; p < n; p++) {
					y[p] = Math.min(Math.max(x[p], lo), hi);
				}
			}
		}

	}

	private static final class AvgPool extends Op {

		final int ph, pw, sh, sw;

		AvgPool(String name, int[] inputs, int ph, int pw, int sh, int sw) {
			super(name, inputs);
			this.ph = ph;
			this.pw = pw;
			this.sh = sh;
			this.sw = sw;
		}

		@Override
		void apply(Act[] in, Act out, Workspace ws) {
			Act a = in[0];
			for (int c = 0; c < a.c(); c++) {
				float[] x = a.planes()[c];
				float[] o = out.planes()[c];
				for (int oy = 0; oy < out.h(); oy++) {
					for (int ox = 0; ox < out.w(); ox++) {
						float acc = 0f;
						for (int y = oy * sh; y < oy * sh + ph; y++) {
							for (int xx = ox * sw; xx < ox * sw + pw; xx++) {
								acc += x[y * a.w() + xx];
							}
						}
						o[oy * out.w() + ox] = acc / (ph * pw);
					}
				}
			}
		}

	}

	/**
	 * Keras flattens in HWC order: value k of the output is pixel k / c, channel k % c
	 */
	private static final class FlattenOp extends Op {

		FlattenOp(String name, int[] inputs) {
			super(name, inputs);
		}

		@Override
		void apply(Act[] in, Act out, Workspace ws) {
			Act a = in[0];
			int n = a.pixels();
			for (int p = 0; p < n; p++) {
				for (int c = 0; c < a.c(); c++) {
					out.planes()[p * a.c() + c][0] = a.planes()[c][p];
				}
			}
		}

	}

	private static final class DenseOp extends Op {

		final int n, m;

		final float[] kernel, bias;

		final String activation;

		DenseOp(String name, int[] inputs, int n, int m, float[] kernel, float[] bias, String activation) {
			super(name, inputs);
			this.n = n;
			this.m = m;
			this.kernel = kernel;
			this.bias = bias;
			this.activation = activation.toLowerCase(Locale.ROOT);
		}

		@Override
		void apply(Act[] in, Act out, Workspace ws) {
			float[][] x = in[0].planes();
			float[] y = bias.clone();
			for (int i = 0; i < n; i++) {
				float a = x[i][0];
				int r = i * m;
				for (int j = 0; j < m; j++) {
					y[j] += a * kernel[r + j];
				}
			}
			switch (activation) {
				case "relu" -> {
					for (int j = 0; j < m; j++) {
						y[j] = Math.max(y[j], 0f);
					}
				}
				case "softmax" -> {
					float max = Float.NEGATIVE_INFINITY;
					for (float v : y) {
						max = Math.max(max, v);
					}
					double sum = 0;
					for (int j = 0; j < m; j++) {
						y[j] = (float) Math.exp(y[j] - max);
						sum += y[j];
					}
					for (int j = 0; j < m; j++) {
						y[j] = (float) (y[j] / sum);
					}
				}
				default -> {
				}
			}
			for (int j = 0; j < m; j++) {
				out.planes()[j][0] = y[j];
			}
		}

	}

}
