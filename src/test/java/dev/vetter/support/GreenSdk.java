package dev.vetter.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.auth.BasicCredentials;
import com.aliyuncs.auth.Signer;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.regions.ProductDomain;

import tools.jackson.databind.JsonNode;

/**
 * Calls Vetter through Alibaba's own SDK (aliyun-java-sdk-green 3.6.6 + core 4.7.10),
 * pointed at the local server, or lets a test take the request the SDK signed and send it
 * (again, or altered) by hand.
 */
public final class GreenSdk {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final String endpoint;

	private final String accessKeyId;

	private final String secret;

	private final IAcsClient client;

	/** Only a guard against a hang (see {@link #prepare}). */
	static final int READ_TIMEOUT_MILLIS = 90_000;

	public GreenSdk(int port, String accessKeyId, String secret) {
		this.endpoint = "127.0.0.1:" + port;
		this.accessKeyId = accessKeyId;
		this.secret = secret;
		this.client = new DefaultAcsClient(DefaultProfile.getProfile("cn-shanghai", accessKeyId, secret));
	}

	public static GreenSdk of(int port) {
		return new GreenSdk(port, Api.ACCESS_KEY_ID, Api.ACCESS_KEY_SECRET);
	}

	public record Reply(int status, String body) {

		public JsonNode json() {
			return Api.JSON.readTree(body);
		}
	}

	/** Sends the request through the SDK's own HTTP client. */
	public Reply call(AcsRequest<?> request, String json) {
		prepare(request, json);
		try {
			com.aliyuncs.http.HttpResponse response = client.doAction(request);
			return new Reply(response.getStatus(), new String(response.getHttpContent(), StandardCharsets.UTF_8));
		}
		catch (ClientException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The request exactly as the SDK signs it (URL, headers, body), not yet sent. */
	public com.aliyuncs.http.HttpRequest sign(AcsRequest<?> request, String json) {
		prepare(request, json);
		BasicCredentials credentials = new BasicCredentials(accessKeyId, secret);
		try {
			return request.signRequest(Signer.getSigner(credentials), credentials, FormatType.JSON,
					new ProductDomain("Green", endpoint));
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * Signs raw bytes with the given {@code Content-Type} and {@code Accept} formats (for
	 * hostile-input tests: the bad input must pass the gateway to reach the handler).
	 */
	public com.aliyuncs.http.HttpRequest signRaw(AcsRequest<?> request, byte[] body, FormatType contentType,
			FormatType accept) {
		request.setSysProtocol(ProtocolType.HTTP);
		request.setSysEndpoint(endpoint);
		request.setHttpContent(body, "UTF-8", contentType);
		request.setSysAcceptFormat(accept);
		BasicCredentials credentials = new BasicCredentials(accessKeyId, secret);
		try {
			return request.signRequest(Signer.getSigner(credentials), credentials, accept,
					new ProductDomain("Green", endpoint));
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	/** Sends a signed request, with headers overridden and another body if given. */
	public static Reply send(com.aliyuncs.http.HttpRequest signed, Map<String, String> headerOverrides, byte[] body) {
		return send(signed, URI.create(signed.getSysUrl()), headerOverrides, body);
	}

	/**
	 * Sends a signed request to another address (the signature does not cover host and
	 * port).
	 */
	public static Reply send(com.aliyuncs.http.HttpRequest signed, URI target, Map<String, String> headerOverrides,
			byte[] body) {
		HttpRequest.Builder b = HttpRequest.newBuilder(target)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body != null ? body : signed.getHttpContent()));
		signed.getSysHeaders().forEach((k, v) -> {
			boolean overridden = headerOverrides.keySet().stream().anyMatch(k::equalsIgnoreCase);
			if (v != null && !k.equalsIgnoreCase("Content-Length") && !k.equalsIgnoreCase("Host") && !overridden) {
				b.header(k, v);
			}
		});
		headerOverrides.forEach((k, v) -> {
			if (v != null) {
				b.header(k, v);
			}
		});
		try {
			HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
			return new Reply(r.statusCode(), r.body());
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private void prepare(AcsRequest<?> request, String json) {
		request.setSysProtocol(ProtocolType.HTTP);
		request.setSysEndpoint(endpoint);
		request.setHttpContent(json.getBytes(StandardCharsets.UTF_8), "UTF-8", FormatType.JSON);
		// a synchronous image scan loads the NSFW and OCR models on first use: longer
		// than
		// the SDK's 10 s default on a loaded build machine
		request.setSysReadTimeout(READ_TIMEOUT_MILLIS);
	}

}
