package dev.vetter.detection.image;

import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.vetter.detection.image.TfjsModelFiles.Tensor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The convolution loops of {@link KerasNetwork} against a naive NHWC reference on random
 * weights (shapes chosen so every remainder path of the blocked loops runs), and the
 * bundled nsfwjs network against output vectors recorded before its loops were last
 * rewritten.
 */
class KerasNetworkTest {

	/** float sums of at most a few hundred terms of size ≤ 1 agree this closely */
	private static final double TOLERANCE = 1e-4;

	@Test
	void pointwiseConvolutionEqualsTheNaiveSum() {
		// 7 inputs: one block of four and a remainder of three; 5 outputs (odd); 37×41 =
		// 1517 pixels: one full tile of 1024 and a partial one
		assertMatchesReference(new Conv(37, 41, 7, 5, 1, 1, 1, "valid", false, "linear"), 1);
		// 4 inputs exactly (no remainder), one output, ReLU6 clamp
		assertMatchesReference(new Conv(9, 11, 4, 1, 1, 1, 1, "same", false, "relu6"), 2);
		// planes of at most 64 pixels take the pixel-major loops: 13 inputs (remainder of
		// one), 18 outputs; 10 inputs (remainder of two), 7 outputs, ReLU6 clamp
		assertMatchesReference(new Conv(7, 7, 13, 18, 1, 1, 1, "valid", false, "linear"), 3);
		assertMatchesReference(new Conv(5, 6, 10, 7, 1, 1, 1, "same", false, "relu6"), 10);
	}

	@Test
	void spatialConvolutionWithStrideAndPaddingEqualsTheNaiveSum() {
		// the MobileNetV2 stem: 3×3, stride 2, 'same' padding, RGB in
		assertMatchesReference(new Conv(35, 37, 3, 8, 3, 3, 2, "same", false, "relu6"), 4);
		// larger than a tile of output pixels, 5 input channels, odd output count
		assertMatchesReference(new Conv(70, 36, 5, 3, 3, 3, 1, "same", false, "linear"), 5);
		// a 'valid' 5×5 kernel with stride 2
		assertMatchesReference(new Conv(19, 16, 2, 7, 5, 5, 2, "valid", false, "linear"), 6);
	}

	@Test
	void depthwiseConvolutionEqualsTheNaiveSum() {
		// 3×3 stride 1 'same' (the shifted-copy sweeps) and stride 2 (the windowed loop)
		assertMatchesReference(new Conv(13, 17, 6, 6, 3, 3, 1, "same", true, "linear"), 7);
		assertMatchesReference(new Conv(14, 15, 5, 5, 3, 3, 2, "same", true, "relu6"), 8);
		assertMatchesReference(new Conv(9, 10, 3, 3, 3, 3, 2, "valid", true, "linear"), 9);
	}

	/**
	 * The bundled network's outputs for three photos and a random input, recorded from
	 * the interpreter before the session-7 loop changes: the new loops form every output
	 * sum in the same order, so the floats are identical.
	 */
	@Test
	void bundledNetworkGivesTheRecordedOutputs() {
		KerasNetwork net = NsfwClassifier.network(NsfwClassifierTest::bundled);
		for (Map.Entry<String, float[]> e : RECORDED.entrySet()) {
			float[] out = net.run(input(net, e.getKey()));
			assertThat(out).as(e.getKey()).containsExactly(e.getValue());
		}
	}

	private static final Map<String, float[]> RECORDED = Map.of("astronaut.png",
			new float[] { 0.06022189f, 0.0041545597f, 0.933126f, 0.0017705988f, 7.269705E-4f }, "chelsea.png",
			new float[] { 0.0012920273f, 7.785596E-4f, 0.9308352f, 0.06288757f, 0.0042066667f }, "coffee.png",
			new float[] { 0.00821647f, 0.0014156909f, 0.9873262f, 0.0024996367f, 5.419742E-4f }, "random",
			new float[] { 0.12344513f, 0.010690552f, 0.84906954f, 0.014517224f, 0.0022775831f });

	private static float[] input(KerasNetwork net, String name) {
		int h = net.inputShape().h(), w = net.inputShape().w();
		if (name.equals("random")) {
			return random(new Random(42), h * w * 3, 0f, 1f);
		}
		return NsfwClassifier.preprocess(NsfwClassifierTest.image(name), h, w);
	}

	// ---------------------------------------------------------------- reference

	/** one convolution layer: input h×w×cin, kernel kh×kw, same stride both ways */
	record Conv(int h, int w, int cin, int cout, int kh, int kw, int stride, String padding, boolean depthwise,
			String activation) {
	}

	private static void assertMatchesReference(Conv c, long seed) {
		Random random = new Random(seed);
		float[] input = random(random, c.h * c.w * c.cin, -1f, 1f);
		int kernelOut = c.depthwise ? 1 : c.cout;
		float[] kernel = random(random, c.kh * c.kw * c.cin * kernelOut, -1f, 1f);
		float[] bias = random(random, c.cout, -1f, 1f);
		String kernelName = c.depthwise ? "depthwise_kernel" : "kernel";
		Map<String, Tensor> weights = Map.of("conv/" + kernelName,
				new Tensor("conv/" + kernelName, new int[] { c.kh, c.kw, c.cin, kernelOut }, kernel), "conv/bias",
				new Tensor("conv/bias", new int[] { c.cout }, bias));
		KerasNetwork net = KerasNetwork.build(TfjsModelFiles.topology(topology(c)), weights);
		float[] expected = reference(c, input, kernel, bias);
		float[] actual = net.run(input);
		assertThat(actual).as(c.toString()).hasSize(expected.length);
		for (int i = 0; i < expected.length; i++) {
			assertThat((double) actual[i]).as(c + " output " + i).isCloseTo(expected[i], within());
		}
	}

	private static org.assertj.core.data.Offset<Double> within() {
		return org.assertj.core.data.Offset.offset(TOLERANCE);
	}

	private static String topology(Conv c) {
		String kind = c.depthwise ? "DepthwiseConv2D" : "Conv2D";
		String filters = c.depthwise ? "depth_multiplier:1" : "filters:" + c.cout;
		return "module.exports={modelTopology:{model_config:{config:{layers:["
				+ "{name:'in',class_name:'InputLayer',config:{batch_input_shape:[null," + c.h + "," + c.w + "," + c.cin
				+ "]},inbound_nodes:[]}," + "{name:'conv',class_name:'" + kind + "',config:{kernel_size:[" + c.kh + ","
				+ c.kw + "],strides:[" + c.stride + "," + c.stride + "],padding:'" + c.padding
				+ "',dilation_rate:[1,1]," + filters + ",use_bias:true,activation:'" + c.activation
				+ "'},inbound_nodes:[[['in',0,0,{}]]]}"
				+ "],output_layers:[['conv',0,0]]}}},weightsManifest:[{paths:[]}]}";
	}

	/** NHWC convolution in double, TensorFlow padding, written from the definition */
	private static float[] reference(Conv c, float[] in, float[] kernel, float[] bias) {
		int outH, outW, padTop, padLeft;
		if (c.padding.equals("valid")) {
			outH = (c.h - c.kh) / c.stride + 1;
			outW = (c.w - c.kw) / c.stride + 1;
			padTop = 0;
			padLeft = 0;
		}
		else {
			outH = (c.h + c.stride - 1) / c.stride;
			outW = (c.w + c.stride - 1) / c.stride;
			padTop = Math.max(0, (outH - 1) * c.stride + c.kh - c.h) / 2;
			padLeft = Math.max(0, (outW - 1) * c.stride + c.kw - c.w) / 2;
		}
		float[] out = new float[outH * outW * c.cout];
		for (int oy = 0; oy < outH; oy++) {
			for (int ox = 0; ox < outW; ox++) {
				for (int co = 0; co < c.cout; co++) {
					double s = bias[co];
					for (int ky = 0; ky < c.kh; ky++) {
						for (int kx = 0; kx < c.kw; kx++) {
							int iy = oy * c.stride + ky - padTop, ix = ox * c.stride + kx - padLeft;
							if (iy < 0 || iy >= c.h || ix < 0 || ix >= c.w) {
								continue;
							}
							if (c.depthwise) {
								s += in[(iy * c.w + ix) * c.cin + co] * kernel[(ky * c.kw + kx) * c.cin + co];
								continue;
							}
							for (int ci = 0; ci < c.cin; ci++) {
								s += in[(iy * c.w + ix) * c.cin + ci]
										* kernel[((ky * c.kw + kx) * c.cin + ci) * c.cout + co];
							}
						}
					}
					if (c.activation.equals("relu6")) {
						s = Math.min(Math.max(s, 0), 6);
					}
					out[(oy * outW + ox) * c.cout + co] = (float) s;
				}
			}
		}
		return out;
	}

	private static float[] random(Random random, int n, float lo, float hi) {
		float[] v = new float[n];
		for (int i = 0; i < n; i++) {
			v[i] = lo + (hi - lo) * random.nextFloat();
		}
		return v;
	}

}
