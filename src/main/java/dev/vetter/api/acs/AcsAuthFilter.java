package dev.vetter.api.acs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.vetter.tenancy.AccessKey;
import dev.vetter.tenancy.TenantDirectory;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Authenticates the Alibaba-compatible APIs as Alibaba's gateway does: API 1.0 on
 * {@code /green/**} and API 2.0 on {@code POST /}. Three signature schemes, one set of
 * rules (spec section 2):
 * <ul>
 * <li>{@code acs AK:sig} (ROA, HMAC-SHA1 or HMAC-SM3, {@code /green/**} only):
 * {@code Date} within the skew; {@code Content-MD5}, {@code x-acs-content-sha256} and
 * {@code x-acs-content-sm3} verified when present ({@code x-acs-content-sm3} required
 * with HMAC-SM3).</li>
 * <li>{@code ACS3-HMAC-SHA256} (both routes): canonical request over the signed headers
 * as received (including {@code host}), {@code x-acs-date} within the skew,
 * {@code x-acs-content-sha256} checked against the body; every {@code x-acs-*} header and
 * {@code host} must be signed.</li>
 * <li>RPC HMAC-SHA1 ({@code POST /} only): {@code Signature} over the query and form-body
 * parameters, {@code Timestamp} within the skew.</li>
 * </ul>
 * A nonce is used once within the window when present, and optional otherwise unless the
 * tenant requires one ({@link GreenSettings}). Refusals get the POP error body with a 4xx
 * status. The verified body (and, for API 2.0, the merged parameters) is handed on as an
 * {@link AcsCall}.
 */
public class AcsAuthFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(AcsAuthFilter.class);

	public static final String VERSION_1 = "2018-05-09";

	public static final String VERSION_2 = "2022-03-02";

	private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ISO_INSTANT;

	private final TenantDirectory directory;

	private final GreenSettings settings;

	private final NonceStore nonces;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Duration skew;

	private final DataSize maxBody;

	public AcsAuthFilter(TenantDirectory directory, GreenSettings settings, NonceStore nonces, Clock clock,
			MeterRegistry meters, Duration skew, DataSize maxBody) {
		this.directory = directory;
		this.settings = settings;
		this.nonces = nonces;
		this.clock = clock;
		this.meters = meters;
		this.skew = skew;
		this.maxBody = maxBody;
	}

	/** A refusal with its gateway error. */
	private static final class Refused extends Exception {

		final GatewayError error;

		final String detail;

		Refused(GatewayError error, String detail) {
			super(error.code, null, false, false);
			this.error = error;
			this.detail = detail;
		}

		Refused(GatewayError error) {
			this(error, null);
		}

	}

	/** What a scheme verified. */
	private record Verified(AccessKey key, String nonce, Instant signedAt, AcsCall.Scheme scheme) {
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !(path.startsWith("/green/") || path.equals("/green")
				|| (path.equals("/") && "POST".equalsIgnoreCase(request.getMethod())));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = RequestIds.next();
		boolean api2 = request.getRequestURI().equals("/");
		if (!api2 && !jsonBody(request.getContentType())) {
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
		Map<String, List<String>> query = parse(request.getQueryString());
		Map<String, List<String>> form = isForm(request) ? parse(new String(body, StandardCharsets.UTF_8)) : Map.of();
		Verified verified;
		try {
			String authorization = request.getHeader("Authorization");
			if (authorization != null && authorization.startsWith(Acs3Signature.ALGORITHM + " ")) {
				verified = acs3(request, authorization, body, query, api2);
			}
			else if (authorization != null && authorization.startsWith("acs ") && !api2) {
				verified = acs(request, authorization, body);
			}
			else if (api2 && authorization == null && query.containsKey("Signature")) {
				verified = rpc(query, form);
			}
			else {
				throw new Refused(GatewayError.INCOMPLETE_SIGNATURE);
			}
			checkNonce(verified);
		}
		catch (Refused r) {
			refuse(response, requestId, r.error, r.detail);
			return;
		}
		Map<String, List<String>> parameters = Map.of();
		if (api2) {
			Map<String, List<String>> merged = new LinkedHashMap<>(query);
			form.forEach((k, v) -> merged.merge(k, v, (a, b) -> {
				List<String> all = new ArrayList<>(a);
				all.addAll(b);
				return all;
			}));
			parameters = Collections.unmodifiableMap(merged);
		}
		meters.counter("vetter.green.accepted", "scheme", verified.scheme().name()).increment();
		new AcsCall(verified.key().tenantId(), verified.key().accessKeyId(), requestId, verified.scheme(), body,
				parameters)
			.attach(request);
		chain.doFilter(new CachedBodyRequest(request, body), response);
	}

	private AccessKey key(String accessKeyId) throws Refused {
		if (accessKeyId == null || accessKeyId.isEmpty() || accessKeyId.length() > 128) {
			throw new Refused(GatewayError.INCOMPLETE_SIGNATURE);
		}
		Optional<AccessKey> key = directory.accessKey(accessKeyId);
		if (key.isEmpty()) {
			throw new Refused(GatewayError.ACCESS_KEY_NOT_FOUND);
		}
		if (!key.get().enabled()) {
			throw new Refused(GatewayError.ACCESS_KEY_INACTIVE);
		}
		return key.get();
	}

	/** API 1.0 ROA: {@code Authorization: acs AK:signature}. */
	private Verified acs(HttpServletRequest request, String authorization, byte[] body) throws Refused {
		int colon = authorization.lastIndexOf(':');
		if (colon < 5) {
			throw new Refused(GatewayError.INCOMPLETE_SIGNATURE);
		}
		String signature = authorization.substring(colon + 1).trim();
		AccessKey key = key(authorization.substring(4, colon).trim());
		if (signature.isEmpty()) {
			throw new Refused(GatewayError.INCOMPLETE_SIGNATURE);
		}
		if (!VERSION_1.equals(request.getHeader("x-acs-version"))) {
			throw new Refused(GatewayError.UNSUPPORTED_VERSION);
		}
		String method = Optional.ofNullable(request.getHeader("x-acs-signature-method")).orElse("HMAC-SHA1");
		if (!method.equalsIgnoreCase("HMAC-SHA1") && !method.equalsIgnoreCase("HMAC-SM3")) {
			throw new Refused(GatewayError.UNSUPPORTED_SIGNATURE_METHOD);
		}
		String sm3 = request.getHeader("x-acs-content-sm3");
		if (method.equalsIgnoreCase("HMAC-SM3") && sm3 == null) {
			throw new Refused(GatewayError.CONTENT_SM3_MISMATCH);
		}
		checkDigests(request, body);
		String dateHeader = request.getHeader("Date");
		Instant date = parseDate(dateHeader);
		if (date == null) {
			throw new Refused(GatewayError.DATE_MISSING);
		}
		checkSkew(date);
		AcsSignature.Signed signed = new AcsSignature.Signed(request.getMethod(), request.getHeader("Accept"),
				request.getHeader("Content-MD5"), request.getHeader("Content-Type"), dateHeader, acsHeaders(request),
				request.getRequestURI(), request.getQueryString());
		String stringToSign = AcsSignature.stringToSign(signed);
		String secret = key.secret();
		if (!AcsSignature.matches(AcsSignature.sign(method, secret, stringToSign), signature) && !AcsSignature
			.matches(AcsSignature.sign(method, secret, AcsSignature.docVariant(signed)), signature)) {
			throw new Refused(GatewayError.SIGNATURE_MISMATCH,
					" server string to sign is:" + stringToSign.replace("\n", "#"));
		}
		return new Verified(key, request.getHeader("x-acs-signature-nonce"), date, AcsCall.Scheme.ACS);
	}

	/**
	 * {@code Authorization: ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..}.
	 */
	private Verified acs3(HttpServletRequest request, String authorization, byte[] body,
			Map<String, List<String>> query, boolean api2) throws Refused {
		Acs3Signature.Credential credential = Acs3Signature.parse(authorization);
		if (credential == null) {
			throw new Refused(GatewayError.INCOMPLETE_SIGNATURE);
		}
		AccessKey key = key(credential.accessKeyId());
		String version = request.getHeader("x-acs-version");
		if (api2) {
			if (version == null && query.containsKey("Version")) {
				version = query.get("Version").get(0);
			}
			if (!VERSION_2.equals(version)) {
				throw new Refused(GatewayError.UNSUPPORTED_VERSION_2);
			}
		}
		else if (!VERSION_1.equals(version)) {
			throw new Refused(GatewayError.UNSUPPORTED_VERSION);
		}
		List<String> unsigned = new ArrayList<>();
		if (!credential.signedHeaders().contains("host")) {
			unsigned.add("host");
		}
		Enumeration<String> names = request.getHeaderNames();
		while (names.hasMoreElements()) {
			String name = names.nextElement().toLowerCase(Locale.ROOT);
			if (name.startsWith("x-acs-") && !credential.signedHeaders().contains(name)) {
				unsigned.add(name);
			}
		}
		if (!unsigned.isEmpty()) {
			throw new Refused(GatewayError.INCOMPLETE_SIGNATURE, " Unsigned headers: " + String.join(";", unsigned));
		}
		Instant date = parseIso(request.getHeader("x-acs-date"));
		if (date == null) {
			throw new Refused(GatewayError.TIMESTAMP_MISSING);
		}
		checkSkew(date);
		checkDigests(request, body);
		String payloadHash = Acs3Signature.sha256Hex(body);
		List<Map.Entry<String, String>> headers = new ArrayList<>(credential.signedHeaders().size());
		for (String name : credential.signedHeaders()) {
			Enumeration<String> values = request.getHeaders(name);
			List<String> all = values == null ? List.of() : Collections.list(values);
			headers.add(new AbstractMap.SimpleEntry<>(name, String.join(",", all)));
		}
		String canonical = Acs3Signature.canonicalRequest(request.getMethod(), request.getRequestURI(), query, headers,
				payloadHash);
		String expected = Acs3Signature.sign(key.secret(), Acs3Signature.stringToSign(canonical));
		if (!AcsSignature.matches(expected, credential.signature().toLowerCase(Locale.ROOT))) {
			throw new Refused(GatewayError.SIGNATURE_MISMATCH,
					" server canonical request is:" + canonical.replace("\n", "#"));
		}
		return new Verified(key, request.getHeader("x-acs-signature-nonce"), date, AcsCall.Scheme.ACS3);
	}

	/** API 2.0 RPC: {@code Signature} over the query and form parameters. */
	private Verified rpc(Map<String, List<String>> query, Map<String, List<String>> form) throws Refused {
		String signature = first(query, "Signature");
		AccessKey key = key(first(query, "AccessKeyId"));
		if (!VERSION_2.equals(first(query, "Version"))) {
			throw new Refused(GatewayError.UNSUPPORTED_VERSION_2);
		}
		if (!"HMAC-SHA1".equalsIgnoreCase(Optional.ofNullable(first(query, "SignatureMethod")).orElse("HMAC-SHA1"))) {
			throw new Refused(GatewayError.UNSUPPORTED_SIGNATURE_METHOD);
		}
		Instant date = parseIso(first(query, "Timestamp"));
		if (date == null) {
			throw new Refused(GatewayError.TIMESTAMP_MISSING);
		}
		checkSkew(date);
		Map<String, List<String>> signed = new HashMap<>();
		query.forEach((k, v) -> {
			if (!k.equals("Signature")) {
				signed.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v);
			}
		});
		form.forEach((k, v) -> signed.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
		String stringToSign = RpcSignature.stringToSign("POST", signed);
		if (signature == null || !AcsSignature.matches(RpcSignature.sign(key.secret(), stringToSign), signature)) {
			throw new Refused(GatewayError.SIGNATURE_MISMATCH, " server string to sign is:" + stringToSign);
		}
		return new Verified(key, first(query, "SignatureNonce"), date, AcsCall.Scheme.RPC);
	}

	/** Every body digest that is present must match the body. */
	private static void checkDigests(HttpServletRequest request, byte[] body) throws Refused {
		String md5 = request.getHeader("Content-MD5");
		if (md5 != null && !md5.equals(AcsSignature.contentMd5(body))) {
			throw new Refused(GatewayError.CONTENT_MD5_MISMATCH);
		}
		String sha256 = request.getHeader("x-acs-content-sha256");
		if (sha256 != null && !sha256.equalsIgnoreCase(Acs3Signature.sha256Hex(body))) {
			throw new Refused(GatewayError.CONTENT_SHA256_MISMATCH);
		}
		String sm3 = request.getHeader("x-acs-content-sm3");
		if (sm3 != null && !sm3.equalsIgnoreCase(AcsSignature.sm3Hex(body))) {
			throw new Refused(GatewayError.CONTENT_SM3_MISMATCH);
		}
	}

	private void checkSkew(Instant date) throws Refused {
		Instant now = clock.instant();
		if (date.isBefore(now.minus(skew)) || date.isAfter(now.plus(skew))) {
			throw new Refused(GatewayError.DATE_EXPIRED);
		}
	}

	/**
	 * A nonce is used once while its request's time is acceptable; without one, the
	 * tenant's setting decides.
	 */
	private void checkNonce(Verified v) throws Refused {
		String nonce = v.nonce();
		if (nonce == null || nonce.isBlank()) {
			if (settings.of(v.key().tenantId()).requireNonce()) {
				throw new Refused(GatewayError.NONCE_REQUIRED);
			}
			return;
		}
		if (nonce.length() > 256) {
			throw new Refused(GatewayError.INCOMPLETE_SIGNATURE, " The nonce is longer than 256 characters.");
		}
		Instant now = clock.instant();
		switch (nonces.register(v.key().accessKeyId(), nonce, v.signedAt().plus(skew), now)) {
			case REPLAYED -> throw new Refused(GatewayError.NONCE_USED);
			case FULL -> {
				log.warn("Nonce registry is full ({} entries); refusing requests until old nonces expire",
						nonces.size());
				throw new Refused(GatewayError.BUSY);
			}
			case FRESH -> {
			}
		}
	}

	/**
	 * API 1.0 bodies are JSON. A missing Content-Type and
	 * {@code application/octet-stream} (what Alibaba's Python core SDK sends) are taken
	 * as JSON; anything else (XML, text, forms) is refused.
	 */
	static boolean jsonBody(String contentType) {
		if (contentType == null || contentType.isBlank()) {
			return true;
		}
		try {
			org.springframework.http.MediaType type = org.springframework.http.MediaType.parseMediaType(contentType);
			return type.isCompatibleWith(org.springframework.http.MediaType.APPLICATION_JSON)
					|| type.getSubtype().endsWith("+json")
					|| type.isCompatibleWith(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM);
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
		long max = maxBody.toBytes();
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

	private static boolean isForm(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
	}

	/** Decoded {@code k=v&...} pairs; a key without {@code =} has an empty value. */
	static Map<String, List<String>> parse(String encoded) {
		if (encoded == null || encoded.isEmpty()) {
			return Map.of();
		}
		Map<String, List<String>> out = new LinkedHashMap<>();
		for (String pair : encoded.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String key = decode(eq < 0 ? pair : pair.substring(0, eq));
			String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
			out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
		}
		return out;
	}

	private static String decode(String s) {
		try {
			return URLDecoder.decode(s, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			return s;
		}
	}

	private static String first(Map<String, List<String>> params, String name) {
		List<String> values = params.get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
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

	/** {@code yyyy-MM-dd'T'HH:mm:ss'Z'} (fractions accepted). */
	static Instant parseIso(String value) {
		if (value == null || value.length() > 40) {
			return null;
		}
		try {
			return Instant.from(ISO_SECONDS.parse(value));
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
