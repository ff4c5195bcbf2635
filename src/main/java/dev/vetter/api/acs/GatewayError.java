package dev.vetter.api.acs;

/**
 * A refusal at the gateway layer (before the service): answered with Alibaba's POP error
 * body {@code {"RequestId","HostId","Code","Message"}} and a real HTTP 4xx/5xx status.
 */
public enum GatewayError {

	INCOMPLETE_SIGNATURE(400, "IncompleteSignature",
			"The request signature does not conform to Aliyun standards: send Authorization: acs <AccessKeyId>:<Signature> or ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<h1;h2>,Signature=<hex>."),
	ACCESS_KEY_NOT_FOUND(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."),
	ACCESS_KEY_INACTIVE(403, "InvalidAccessKeyId.Inactive", "Specified access key is disabled."),
	UNSUPPORTED_VERSION(400, "InvalidAction.NotFound",
			"Specified api is not found, please check your url and method; x-acs-version must be 2018-05-09."),
	UNSUPPORTED_VERSION_2(400, "InvalidVersion",
			"Specified api version is not supported: Green API 2.0 is version 2022-03-02."),
	UNKNOWN_ACTION(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method."),
	UNSUPPORTED_SIGNATURE_METHOD(400, "InvalidSignatureMethod",
			"Specified signature method is not supported: use HMAC-SHA1 or HMAC-SM3 (ACS), ACS3-HMAC-SHA256, or HMAC-SHA1 (RPC)."),
	DATE_MISSING(400, "InvalidTimeStamp.Format", "Specified Date header is missing or not an RFC 1123 GMT date."),
	TIMESTAMP_MISSING(400, "InvalidTimeStamp.Format",
			"Specified x-acs-date or Timestamp is missing or not an ISO 8601 UTC time (yyyy-MM-ddTHH:mm:ssZ)."),
	DATE_EXPIRED(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."),
	NONCE_REQUIRED(400, "MissingSignatureNonce",
			"x-acs-signature-nonce (SignatureNonce for RPC) is required for this tenant."),
	NONCE_USED(400, "SignatureNonceUsed", "Specified signature nonce was used already."),
	CONTENT_MD5_MISMATCH(400, "ContentMD5NotMatched", "Content-MD5 does not match the body."),
	CONTENT_SHA256_MISMATCH(400, "ContentSHA256NotMatched", "x-acs-content-sha256 does not match the body."),
	CONTENT_SM3_MISMATCH(400, "ContentSM3NotMatched", "x-acs-content-sm3 is missing or does not match the body."),
	SIGNATURE_MISMATCH(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation."),
	UNSUPPORTED_MEDIA_TYPE(415, "UnsupportedMediaType", "Send the request body as application/json."),
	NOT_ACCEPTABLE(406, "NotAcceptable", "Vetter answers JSON only: send Accept: application/json (or none)."),
	BODY_TOO_LARGE(413, "RequestEntityTooLarge", "The request body is larger than this server accepts."),
	BUSY(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");

	public final int status;

	public final String code;

	public final String message;

	GatewayError(int status, String code, String message) {
		this.status = status;
		this.code = code;
		this.message = message;
	}

}
