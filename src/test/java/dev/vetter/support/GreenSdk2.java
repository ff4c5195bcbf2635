package dev.vetter.support;

import java.util.Map;

import com.aliyun.green20220302.Client;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;

/**
 * Alibaba's Green API 2.0 SDK ({@code com.aliyun:green20220302} 2.2.4 on
 * {@code tea-openapi}) pointed at the local server: {@code ACS3-HMAC-SHA256} by default,
 * or the RPC HMAC-SHA1 query signature with {@code v2}.
 */
public final class GreenSdk2 {

	private GreenSdk2() {
	}

	/**
	 * @param signatureAlgorithm null for the SDK default (ACS3), or {@code v2}
	 */
	public static Client client(int port, String accessKeyId, String secret, String signatureAlgorithm) {
		Config config = new Config().setAccessKeyId(accessKeyId)
			.setAccessKeySecret(secret)
			.setEndpoint("127.0.0.1:" + port)
			.setProtocol("HTTP")
			.setRegionId("cn-shanghai")
			// a synchronous image scan loads its models on first use (see GreenSdk)
			.setReadTimeout(GreenSdk.READ_TIMEOUT_MILLIS);
		if (signatureAlgorithm != null) {
			config.setSignatureAlgorithm(signatureAlgorithm);
		}
		try {
			return new Client(config);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * An action the 2.2.4 SDK has no method for (e.g. {@code ManualModeration}), sent
	 * through the same stack's generic {@code callApi}: Alibaba's own signer, RPC style,
	 * form body. Answers the response body.
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> callApi(Client client, String action, Map<String, Object> form) {
		Params params = new Params().setAction(action)
			.setVersion("2022-03-02")
			.setProtocol("HTTP")
			.setPathname("/")
			.setMethod("POST")
			.setAuthType("AK")
			.setStyle("RPC")
			.setReqBodyType("formData")
			.setBodyType("json");
		try {
			Map<String, ?> response = client.callApi(params, new OpenApiRequest().setBody(form), new RuntimeOptions());
			return (Map<String, Object>) response.get("body");
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

}
