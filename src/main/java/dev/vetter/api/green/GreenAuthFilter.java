package dev.vetter.api.green;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.vetter.tenancy.AccessKey;
import dev.vetter.tenancy.TenantDirectory;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Authenticates {@code /green/**} exactly as Alibaba's gateway does for ROA requests:
 * {@code Authorization:
 * acs AK:signature}, {@code x-acs-version: 2018-05-09}, Content-MD5 (or x-acs-content-sm3
 * for HMAC-SM3), {@code Date} within the allowed skew, each nonce once, then the
 * signature. Refusals get the POP error body with a 4xx status. The verified body is
 * handed on to the controllers.
 */
class GreenAuthFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(GreenAuthFilter.class);

	static final String VERSION = "2018-05-09";

	private final TenantDirectory directory;

	private final GreenProperties properties;

	private final NonceStore nonces;

	private final Clock clock;

	private final MeterRegistry meters;

	GreenAuthFilter(TenantDirectory directory, GreenProperties properties, NonceStore nonces, Clock clock,
			MeterRegistry meters) {
		this.directory = directory;
		this.properties = properties;
		this.nonces = nonces;
		this.clock = clock;
		this.meters = meters;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = RequestIds.next();
		String authorization = request.getHeader("Authorization");
		if (authorization == null || !authorization.startsWith("acs ") || authorization.indexOf(':') < 5) {
			refuse(response, requestId, GatewayError.INCOMPLETE_SIGNATURE, null);
			return;
		}
		int colon = authorization.lastIndexOf(':');
		String accessKeyId = authorization.substring(4, colon).trim();
		String signature = authorization.substring(colon + 1).trim();
		if (accessKeyId.isEmpty() || signature.isEmpty() || accessKeyId.length() > 128) {
			refuse(response, requestId, GatewayError.INCOMPLETE_SIGNATURE, null);
			return;
		}
		Optional<AccessKey> key = directory.accessKey(accessKeyId);
		if (key.isEmpty()) {
			refuse(response, requestId, GatewayError.ACCESS_KEY_NOT_FOUND, null);
			return;
		}
		if (!key.get().enabled()) {
			refuse(response, requestId, GatewayError.ACCESS_KEY_INACTIVE, null);
			return;
		}
		if (!VERSION.equals(request.getHeader("x-acs-version"))) {
			refuse(response, requestId, GatewayError.UNSUPPORTED_VERSION, null);
			return;
		}
		String method = Optional.ofNullable(request.getHeader("x-acs-signature-method")).orElse("HMAC-SHA1");
		if (!method.equalsIgnoreCase("HMAC-SHA1") && !method.equalsIgnoreCase("HMAC-SM3")) {
			refuse(response, requestId, GatewayError.UNSUPPORTED_SIGNATURE_METHOD, null);
			return;
		}
		if (!jsonBody(request.getContentType())) {
			refuse(response, requestId, GatewayError.UNSUPPORTED_MEDIA_TYPE, null);
			return;
		}
		if (!acceptsJson(request.getHeader("Accept"))) {
			refuse(response, requestId, GatewayError.NOT_ACCEPTABLE, null);
			return;
		}
		byte[] body = readBody(request);
		if (body == null) {
			refuse(response, requestId, GatewayError.BODY_TOO_LARGE, null);
			return;
		}
		String contentMd5 = request.getHeader("Content-MD5");
		if (method.equalsIgnoreCase("HMAC-SM3")) {
			String sm3 = request.getHeader("x-acs-content-sm3");
			if (sm3 == null || !sm3.equalsIgnoreCase(AcsSignature.sm3Hex(body))) {
				refuse(response, requestId, GatewayError.CONTENT_SM3_MISMATCH, null);
				return;
			}
		}
		if ((contentMd5 != null || !method.equalsIgnoreCase("HMAC-SM3"))
				&& (contentMd5 == null || !contentMd5.equals(AcsSignature.contentMd5(body)))) {
			refuse(response, requestId, GatewayError.CONTENT_MD5_MISMATCH, null);
			return;
		}
		String dateHeader = request.getHeader("Date");
		Instant date = parseDate(dateHeader);
		if (date == null) {
			refuse(response, requestId, GatewayError.DATE_MISSING, null);
			return;
		}
		Instant now = clock.instant();
		Duration skew = properties.clockSkew();
		if (date.isBefore(now.minus(skew)) || date.isAfter(now.plus(skew))) {
			refuse(response, requestId, GatewayError.DATE_EXPIRED, null);
			return;
		}
		String nonce = request.getHeader("x-acs-signature-nonce");
		if (nonce == null || nonce.isBlank() || nonce.length() > 256) {
			refuse(response, requestId, GatewayError.NONCE_MISSING, null);
			return;
		}
		AcsSignature.Signed signed = new AcsSignature.Signed(request.getMethod(), request.getHeader("Accept"),
				contentMd5, request.getHeader("Content-Type"), dateHeader, acsHeaders(request), request.getRequestURI(),
				request.getQueryString());
		String stringToSign = AcsSignature.stringToSign(signed);
		String secret = key.get().secret();
		if (!AcsSignature.matches(AcsSignature.sign(method, secret, stringToSign), signature) && !AcsSignature
			.matches(AcsSignature.sign(method, secret, AcsSignature.docVariant(signed)), signature)) {
			refuse(response, requestId, GatewayError.SIGNATURE_MISMATCH,
					" server string to sign is:" + stringToSign.replace("\n", "#"));
			return;
		}
		switch (nonces.register(accessKeyId, nonce, date.plus(skew), now)) {
			case REPLAYED -> {
				refuse(response, requestId, GatewayError.NONCE_USED, null);
				return;
			}
			case FULL -> {
				log.warn("Nonce registry is full ({} entries); refusing requests until old nonces expire",
						nonces.size());
				refuse(response, requestId, GatewayError.BUSY, null);
				return;
			}
			case FRESH -> {
			}
		}
		new GreenCall(key.get().tenantId(), accessKeyId, requestId, body).attach(request);
		chain.doFilter(new CachedBodyRequest(request, body), response);
	}

	/** Bodies are JSON (what the SDKs send); a missing Content-Type is taken as JSON. */
	static boolean jsonBody(String contentType) {
		if (contentType == null || contentType.isBlank()) {
			return true;
		}
		try {
			org.springframework.http.MediaType type = org.springframework.http.MediaType.parseMediaType(contentType);
			return type.isCompatibleWith(org.springframework.http.MediaType.APPLICATION_JSON)
					|| type.getSubtype().endsWith("+json");
		}
		catch (org.springframework.http.InvalidMediaTypeException e) {
			return false;
		}
	}

	/** JSON is all Vetter answers (Alibaba's XML format is not offered). */
	static boolean acceptsJson(String accept) {
		if (accept == null || accept.isBlank()) {
			return true;
		}
		try {
			return org.springframework.http.MediaType.parseMediaTypes(accept)
				.stream()
				.anyMatch(t -> t.isCompatibleWith(org.springframework.http.MediaType.APPLICATION_JSON));
		}
		catch (org.springframework.http.InvalidMediaTypeException e) {
			return false;
		}
	}

	private byte[] readBody(HttpServletRequest request) throws IOException {
		long max = properties.maxBody().toBytes();
		if (request.getContentLengthLong() > max) {
			return null;
		}
		InputStream in = request.getInputStream();
		ByteArrayOutputStream out = new ByteArrayOutputStream(
				Math.max(64, (int) Math.max(0, request.getContentLengthLong())));
		byte[] buffer = new byte[8192];
		long total = 0;
		int n;
		while ((n = in.read(buffer)) > 0) {
			total += n;
			if (total > max) {
				return null;
			}
			out.write(buffer, 0, n);
		}
		return out.toByteArray();
	}

	private static Map<String, String> acsHeaders(HttpServletRequest request) {
		Map<String, String> headers = new HashMap<>();
		Enumeration<String> names = request.getHeaderNames();
		while (names.hasMoreElements()) {
			String name = names.nextElement();
			if (name.regionMatches(true, 0, "x-acs-", 0, 6)) {
				headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
			}
		}
		return headers;
	}

	private static Instant parseDate(String value) {
		if (value == null) {
			return null;
		}
		try {
			return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException e) {
			return null;
		}
	}

	private void refuse(HttpServletResponse response, String requestId, GatewayError error, String detail)
			throws IOException {
		meters.counter("vetter.green.refused", "code", error.code).increment();
		PopErrors.write(response, requestId, error, detail);
	}

	/** Replays the verified body to the controllers. */
	private static final class CachedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}
			};
		}

		@Override
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

	}

}
