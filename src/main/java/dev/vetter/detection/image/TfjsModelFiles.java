package dev.vetter.detection.image;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a TF.js layers model as nsfwjs ships it: browserify modules holding
 * {@code module.exports={modelTopology:…,weightsManifest:…}} (a minified JS object
 * literal) and {@code module.exports="<base64 weights>"}. Weights are uint8-quantised
 * ({@code value = q * scale + min}) and stored in manifest order.
 */
final class TfjsModelFiles {

	private static final JsonMapper JS_LITERAL = JsonMapper.builder()
		.enable(JsonReadFeature.ALLOW_UNQUOTED_PROPERTY_NAMES, JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS,
				JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
				JsonReadFeature.ALLOW_SINGLE_QUOTES)
		.build();

	private TfjsModelFiles() {
	}

	/** The object literal after {@code .exports=} parsed as a tree. */
	static JsonNode topology(String moduleSource) {
		int at = moduleSource.indexOf(".exports={");
		if (at < 0) {
			throw new ModelFileCorrupt("model topology: no 'module.exports={' object literal found");
		}
		String json = objectLiteral(moduleSource, at + ".exports=".length());
		JsonNode root;
		try {
			root = JS_LITERAL.readTree(json);
		}
		catch (JacksonException ex) {
			throw new ModelFileCorrupt("model topology: not a readable object literal: " + ex.getOriginalMessage(), ex);
		}
		if (!root.path("modelTopology").path("model_config").path("config").path("layers").isArray()) {
			throw new ModelFileCorrupt("model topology: modelTopology.model_config.config.layers is missing");
		}
		if (!root.path("weightsManifest").isArray() || root.path("weightsManifest").isEmpty()) {
			throw new ModelFileCorrupt("model topology: weightsManifest is missing");
		}
		return root;
	}

	/**
	 * Copies the object literal starting at {@code start} (an opening brace) up to the
	 * brace that closes it, turning the minified {@code !0}/{@code !1} into
	 * {@code true}/{@code false} outside strings.
	 */
	static String objectLiteral(String src, int start) {
		StringBuilder out = new StringBuilder(src.length() - start);
		int depth = 0;
		char quote = 0;
		for (int i = start; i < src.length(); i++) {
			char c = src.charAt(i);
			if (quote != 0) {
				out.append(c);
				if (c == '\\' && i + 1 < src.length()) {
					out.append(src.charAt(++i));
				}
				else if (c == quote) {
					quote = 0;
				}
				continue;
			}
			switch (c) {
				case '"', '\'' -> {
					quote = c;
					out.append(c);
				}
				case '{', '[' -> {
					depth++;
					out.append(c);
				}
				case '}', ']' -> {
					depth--;
					out.append(c);
					if (depth == 0) {
						return out.toString();
					}
				}
				case '!' -> {
					char next = i + 1 < src.length() ? src.charAt(i + 1) : 0;
					if (next == '0' || next == '1') {
						out.append(next == '0' ? "true" : "false");
						i++;
					}
					else {
						throw new ModelFileCorrupt("model topology: unexpected '!' at offset " + i);
					}
				}
				default -> out.append(c);
			}
		}
		throw new ModelFileCorrupt("model topology: object literal is not closed (truncated file?)");
	}

	/** The base64 string of a {@code module.exports="…"} shard, decoded. */
	static byte[] shard(String moduleSource, String name) {
		int at = moduleSource.indexOf(".exports=\"");
		if (at < 0) {
			throw new ModelFileCorrupt("weights shard " + name + ": no 'module.exports=\"…\"' string found");
		}
		int from = at + ".exports=\"".length();
		int to = moduleSource.indexOf('"', from);
		if (to < 0) {
			throw new ModelFileCorrupt("weights shard " + name + ": string is not closed (truncated file?)");
		}
		try {
			return Base64.getDecoder().decode(moduleSource.substring(from, to).getBytes(StandardCharsets.US_ASCII));
		}
		catch (IllegalArgumentException ex) {
			throw new ModelFileCorrupt("weights shard " + name + ": not base64: " + ex.getMessage(), ex);
		}
	}

	/** A named weight tensor, dequantised, with its shape. */
	record Tensor(String name, int[] shape, float[] values) {
	}

	/**
	 * Splits the concatenated shard bytes into the manifest's tensors and dequantises
	 * them. The bytes must be exactly what the manifest describes.
	 */
	static Map<String, Tensor> weights(JsonNode manifest, byte[] data) {
		Map<String, Tensor> out = new LinkedHashMap<>();
		int offset = 0;
		for (JsonNode group : manifest) {
			for (JsonNode w : group.path("weights")) {
				String name = w.path("name").asString("");
				if (name.isEmpty()) {
					throw new ModelFileCorrupt("weights manifest: a weight has no name");
				}
				int[] shape = new int[w.path("shape").size()];
				long count = 1;
				for (int i = 0; i < shape.length; i++) {
					shape[i] = w.path("shape").get(i).asInt(-1);
					if (shape[i] < 0) {
						throw new ModelFileCorrupt("weights manifest: " + name + " has a bad shape");
					}
					count *= shape[i];
				}
				if (count > Integer.MAX_VALUE) {
					throw new ModelFileCorrupt("weights manifest: " + name + " is too large");
				}
				JsonNode q = w.path("quantization");
				if (!"uint8".equals(q.path("dtype").asString("")) || !q.path("scale").isNumber()
						|| !q.path("min").isNumber()) {
					throw new ModelFileCorrupt(
							"weights manifest: " + name + " is not uint8-quantised (only uint8 is supported)");
				}
				// as tfjs: q * scale + min in double precision, stored as float32
				double scale = q.path("scale").doubleValue();
				double min = q.path("min").doubleValue();
				if (offset + count > data.length) {
					throw new ModelFileCorrupt("weights: " + name + " needs bytes " + offset + ".." + (offset + count)
							+ " but the shards hold only " + data.length);
				}
				float[] values = new float[(int) count];
				for (int i = 0; i < values.length; i++) {
					values[i] = (float) ((data[offset + i] & 0xff) * scale + min);
				}
				offset += (int) count;
				if (out.put(name, new Tensor(name, shape, values)) != null) {
					throw new ModelFileCorrupt("weights manifest: " + name + " appears twice");
				}
			}
		}
		if (offset != data.length) {
			throw new ModelFileCorrupt(
					"weights: the manifest describes " + offset + " bytes but the shards hold " + data.length);
		}
		return out;
	}

}
