package dev.vetter.detection.image;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.vetter.detection.image.TfjsModelFiles.Tensor;

/**
 * A small interpreter for Keras functional models of the MobileNetV2 kind, batch size
 * one, NHWC float32, TensorFlow padding rules. Supported layers: InputLayer,
 * ZeroPadding2D, Conv2D, DepthwiseConv2D, BatchNormalization, ReLU, Activation, Add,
 * AveragePooling2D, Flatten, Dense, Dropout. At load, every BatchNormalization that
 * directly follows a convolution is folded into that convolution's kernel and bias, and a
 * ReLU that follows it becomes the convolution's output clamp. Immutable after
 * construction; {@link #run} may be called from several threads at once (each call
 * allocates its own activations).
 */
final class KerasNetwork {

	/** An activation tensor: height × width × channels, row-major (NHWC without N). */
	record Act(int h, int w, int c, float[] d) {
		Act(int h, int w, int c) {
			this(h, w, c, new float[h * w * c]);
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

		final int[] inputs;

		int output;

		Shape shape;

		Op(String name, int[] inputs) {
			this.name = name;
			this.inputs = inputs;
		}

		abstract Act apply(Act[] in);

	}

	private final Shape inputShape;

	private final List<Op> ops;

	private final int[] lastUse;

	private final int outputSlot;

	private final int slotCount;

	private KerasNetwork(Shape inputShape, List<Op> ops, int outputSlot, int slotCount) {
		this.inputShape = inputShape;
		this.ops = ops;
		this.outputSlot = outputSlot;
		this.slotCount = slotCount;
		this.lastUse = new int[slotCount];
		for (int i = 0; i < ops.size(); i++) {
			for (int s : ops.get(i).inputs) {
				lastUse[s] = i;
			}
		}
		lastUse[outputSlot] = Integer.MAX_VALUE;
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

	/**
	 * Runs the network on one NHWC input of {@link #inputShape()}; returns the output
	 * vector.
	 */
	float[] run(float[] input) {
		if (input.length != inputShape.size()) {
			throw new IllegalArgumentException("input must hold " + inputShape + " floats, got " + input.length);
		}
		Act[] slots = new Act[slotCount];
		slots[0] = new Act(inputShape.h, inputShape.w, inputShape.c, input);
		for (int i = 0; i < ops.size(); i++) {
			Op op = ops.get(i);
			Act[] in = new Act[op.inputs.length];
			for (int k = 0; k < in.length; k++) {
				in[k] = slots[op.inputs[k]];
			}
			slots[op.output] = op.apply(in);
			for (int s : op.inputs) {
				if (lastUse[s] == i) {
					slots[s] = null;
				}
			}
		}
		return slots[outputSlot].d;
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

	private static final class Conv extends Op {

		final boolean depthwise;

		final int inH, inW, cin, kh, kw, sh, sw, padTop, padLeft, outH, outW, cout;

		final float[] kernel;

		final float[] bias;

		float lo = Float.NEGATIVE_INFINITY;

		float hi = Float.POSITIVE_INFINITY;

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

		/**
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

		@Override
		Act apply(Act[] inputs) {
			float[] in = inputs[0].d;
			Act out = new Act(outH, outW, cout);
			float[] o = out.d;
			boolean pointwise = !depthwise && kh == 1 && kw == 1 && sh == 1 && sw == 1 && padTop == 0 && padLeft == 0;
			for (int oy = 0; oy < outH; oy++) {
				if (pointwise) {
					pointwiseRow(in, o, oy);
				}
				else if (depthwise) {
					depthwiseRow(in, o, oy);
				}
				else {
					convRow(in, o, oy);
				}
			}
			if (lo != Float.NEGATIVE_INFINITY || hi != Float.POSITIVE_INFINITY) {
				for (int i = 0; i < o.length; i++) {
					o[i] = Math.min(Math.max(o[i], lo), hi);
				}
			}
			return out;
		}

		/**
		 * A 1×1 convolution (most of MobileNetV2's work): four input channels per sweep
		 * over the output channels, so each output value is loaded and stored once per
		 * four products, not once per product. The sums are formed in the same order as
		 * one channel at a time (and all-zero groups, common after a ReLU, are skipped as
		 * single zeros are in {@link #convRow}), so the results are the same.
		 */
		private void pointwiseRow(float[] in, float[] o, int oy) {
			int blocked = cin & ~3;
			for (int ox = 0; ox < outW; ox++) {
				int p = oy * outW + ox;
				int ob = p * cout;
				int ib = p * cin;
				System.arraycopy(bias, 0, o, ob, cout);
				int ci = 0;
				for (; ci < blocked; ci += 4) {
					float a0 = in[ib + ci];
					float a1 = in[ib + ci + 1];
					float a2 = in[ib + ci + 2];
					float a3 = in[ib + ci + 3];
					if (a0 == 0f && a1 == 0f && a2 == 0f && a3 == 0f) {
						continue;
					}
					int w0 = ci * cout;
					int w1 = w0 + cout;
					int w2 = w1 + cout;
					int w3 = w2 + cout;
					for (int co = 0; co < cout; co++) {
						o[ob + co] = o[ob + co] + a0 * kernel[w0 + co] + a1 * kernel[w1 + co] + a2 * kernel[w2 + co]
								+ a3 * kernel[w3 + co];
					}
				}
				for (; ci < cin; ci++) {
					float a = in[ib + ci];
					if (a == 0f) {
						continue;
					}
					int wr = ci * cout;
					for (int co = 0; co < cout; co++) {
						o[ob + co] += a * kernel[wr + co];
					}
				}
			}
		}

		private void convRow(float[] in, float[] o, int oy) {
			for (int ox = 0; ox < outW; ox++) {
				int ob = (oy * outW + ox) * cout;
				System.arraycopy(bias, 0, o, ob, cout);
				for (int ky = 0; ky < kh; ky++) {
					int iy = oy * sh + ky - padTop;
					if (iy < 0 || iy >= inH) {
						continue;
					}
					for (int kx = 0; kx < kw; kx++) {
						int ix = ox * sw + kx - padLeft;
						if (ix < 0 || ix >= inW) {
							continue;
						}
						int ib = (iy * inW + ix) * cin;
						int wb = (ky * kw + kx) * cin * cout;
						for (int ci = 0; ci < cin; ci++) {
							float a = in[ib + ci];
							if (a == 0f) {
								continue;
							}
							int wr = wb + ci * cout;
							for (int co = 0; co < cout; co++) {
								o[ob + co] += a * kernel[wr + co];
							}
						}
					}
				}
			}
		}

		/**
		 * Depthwise rows. Where a 3×3 window lies wholly inside the input (all but the
		 * border pixels), the nine taps of a channel are summed in one sweep and stored
		 * once; they are added in the same order as the general path, so the results are
		 * the same.
		 */
		private void depthwiseRow(float[] in, float[] o, int oy) {
			int c = cout;
			int iy0 = oy * sh - padTop;
			boolean rowsInside = kh == 3 && kw == 3 && iy0 >= 0 && iy0 + 3 <= inH;
			for (int ox = 0; ox < outW; ox++) {
				int ob = (oy * outW + ox) * c;
				int ix0 = ox * sw - padLeft;
				if (rowsInside && ix0 >= 0 && ix0 + 3 <= inW) {
					depthwise3x3(in, o, ob, (iy0 * inW + ix0) * c, inW * c);
					continue;
				}
				System.arraycopy(bias, 0, o, ob, c);
				for (int ky = 0; ky < kh; ky++) {
					int iy = iy0 + ky;
					if (iy < 0 || iy >= inH) {
						continue;
					}
					for (int kx = 0; kx < kw; kx++) {
						int ix = ix0 + kx;
						if (ix < 0 || ix >= inW) {
							continue;
						}
						int ib = (iy * inW + ix) * c;
						int wb = (ky * kw + kx) * c;
						for (int ch = 0; ch < c; ch++) {
							o[ob + ch] += in[ib + ch] * kernel[wb + ch];
						}
					}
				}
			}
		}

		private void depthwise3x3(float[] in, float[] o, int ob, int ib, int row) {
			int c = cout;
			float[] k = kernel;
			int a0 = ib, a1 = ib + c, a2 = ib + 2 * c;
			int b0 = ib + row, b1 = b0 + c, b2 = b0 + 2 * c;
			int d0 = b0 + row, d1 = d0 + c, d2 = d0 + 2 * c;
			for (int ch = 0; ch < c; ch++) {
				o[ob + ch] = bias[ch] + in[a0 + ch] * k[ch] + in[a1 + ch] * k[c + ch] + in[a2 + ch] * k[2 * c + ch]
						+ in[b0 + ch] * k[3 * c + ch] + in[b1 + ch] * k[4 * c + ch] + in[b2 + ch] * k[5 * c + ch]
						+ in[d0 + ch] * k[6 * c + ch] + in[d1 + ch] * k[7 * c + ch] + in[d2 + ch] * k[8 * c + ch];
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
		Act apply(Act[] in) {
			Act a = in[0];
			Act out = new Act(shape.h, shape.w, shape.c);
			int row = a.w * a.c;
			for (int y = 0; y < a.h; y++) {
				System.arraycopy(a.d, y * row, out.d, ((y + top) * shape.w + left) * shape.c, row);
			}
			return out;
		}

	}

	private static final class AddOp extends Op {

		AddOp(String name, int[] inputs) {
			super(name, inputs);
		}

		@Override
		Act apply(Act[] in) {
			float[] sum = in[0].d.clone();
			for (int k = 1; k < in.length; k++) {
				float[] b = in[k].d;
				for (int i = 0; i < sum.length; i++) {
					sum[i] += b[i];
				}
			}
			return new Act(shape.h, shape.w, shape.c, sum);
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
		Act apply(Act[] in) {
			float[] x = in[0].d;
			float[] y = new float[x.length];
			int c = mul.length;
			for (int i = 0; i < x.length; i++) {
				y[i] = x[i] * mul[i % c] + add[i % c];
			}
			return new Act(shape.h, shape.w, shape.c, y);
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
		Act apply(Act[] in) {
			float[] x = in[0].d;
			float[] y = new float[x.length];
			for (int i = 0; i < x.length; i++) {
				y[i] = Math.min(Math.max(x[i], lo), hi);
			}
			return new Act(shape.h, shape.w, shape.c, y);
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
		Act apply(Act[] in) {
			Act a = in[0];
			Act out = new Act(shape.h, shape.w, shape.c);
			float[] acc = new float[a.c];
			for (int oy = 0; oy < shape.h; oy++) {
				for (int ox = 0; ox < shape.w; ox++) {
					java.util.Arrays.fill(acc, 0f);
					for (int y = oy * sh; y < oy * sh + ph; y++) {
						for (int x = ox * sw; x < ox * sw + pw; x++) {
							int b = (y * a.w + x) * a.c;
							for (int c = 0; c < a.c; c++) {
								acc[c] += a.d[b + c];
							}
						}
					}
					int ob = (oy * shape.w + ox) * a.c;
					for (int c = 0; c < a.c; c++) {
						out.d[ob + c] = acc[c] / (ph * pw);
					}
				}
			}
			return out;
		}

	}

	private static final class FlattenOp extends Op {

		FlattenOp(String name, int[] inputs) {
			super(name, inputs);
		}

		@Override
		Act apply(Act[] in) {
			return new Act(1, 1, in[0].d.length, in[0].d);
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
		Act apply(Act[] in) {
			float[] x = in[0].d;
			float[] y = bias.clone();
			for (int i = 0; i < n; i++) {
				float a = x[i];
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
			return new Act(1, 1, m, y);
		}

	}

}
