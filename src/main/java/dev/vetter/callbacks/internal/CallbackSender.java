package dev.vetter.callbacks.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.vetter.platform.net.OutboundHttp;
import dev.vetter.platform.net.OutboundRequestFailed;

/**
 * Sends one callback attempt (a form POST) through the service's outbound client
 * ({@link OutboundHttp}: Apache HttpClient 5 bound to the target guard, so the address
 * checked is the address connected to, with connect, read and hard per-attempt deadlines)
 * and says what came of it. Only HTTP 200 counts as delivered, as with Alibaba.
 */
public class CallbackSender {

	static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

	private static final int MAX_REDIRECTS = 3;

	private static final int MAX_SNIPPET = 1024;

	/** What came of one attempt. {@code status} is 0 when no HTTP answer came. */
	public record Result(Outcome outcome, int status, String error, Duration retryAfter, String finalUrl) {

		public boolean delivered() {
			return outcome == Outcome.DELIVERED;
		}
	}

	public enum Outcome {

		DELIVERED, FAILED, TIMEOUT, CONNECTION_FAILED, REFUSED

	}

	private record Answer(int status, String location, Duration retryAfter, String snippet, String url) {
	}

	private final OutboundHttp http;

	private final OutboundHttp.Limits limits;

	private final boolean followRedirects;

	private final Duration attemptTimeout;

	public CallbackSender(OutboundHttp http, CallbacksProperties.Http settings) {
		this.http = http;
		this.followRedirects = settings.followRedirects();
		this.attemptTimeout = settings.attemptTimeout();
		this.limits = new OutboundHttp.Limits(settings.connectTimeout(), settings.readTimeout(),
				settings.attemptTimeout(), MAX_SNIPPET, followRedirects ? MAX_REDIRECTS : 0);
	}

	public Duration attemptTimeout() {
		return attemptTimeout;
	}

	/** Nothing to release: the outbound client belongs to the platform. */
	public void close() {
	}

	/**
	 * POSTs a form body. Never throws for network trouble: every failure is a
	 * {@link Result} with a reason a tenant can act on.
	 */
	public Result post(String url, Map<String, String> headers, byte[] body) {
		Answer answer;
		try {
			answer = http.exchange(OutboundHttp.Request.post(url, headers, body, FORM, "callback"), limits,
					CallbackSender::read);
		}
		catch (OutboundRequestFailed e) {
			return failed(e, url);
		}
		int s = answer.status();
		if (s == 200) {
			return new Result(Outcome.DELIVERED, 200, null, null, answer.url());
		}
		return new Result(Outcome.FAILED, s, reason(s, answer), answer.retryAfter(), answer.url());
	}

	private static Answer read(OutboundHttp.Response r) throws IOException {
		Duration retryAfter = r.header("Retry-After")
			.filter(v -> v.trim().matches("\\d{1,6}"))
			.map(v -> Duration.ofSeconds(Long.parseLong(v.trim())))
			.orElse(null);
		String snippet = null;
		long length = r.contentLength();
		if (r.status() != 200 && length > 0 && length <= MAX_SNIPPET) {
			byte[] b = r.body().readNBytes((int) length);
			snippet = new String(b, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
			snippet = snippet.length() > 200 ? snippet.substring(0, 200) : snippet;
		}
		return new Answer(r.status(), r.header("Location").orElse(null), retryAfter, snippet, r.uri().toString());
	}

	private Result failed(OutboundRequestFailed e, String url) {
		String where = e.uri() == null ? url : e.uri().toString();
		return switch (e.reason()) {
			case REFUSED -> new Result(Outcome.REFUSED, 0,
					(e.afterRedirect() || e.status() != 0 ? "redirect refused: " : "target refused: ") + e.getMessage(),
					null, where);
			case UNRESOLVED, CONNECT_FAILED, CONNECTION_ERROR ->
				new Result(Outcome.CONNECTION_FAILED, 0, e.getMessage(), null, where);
			case TIMEOUT -> new Result(Outcome.TIMEOUT, 0, "timed out: " + e.getMessage(), null, where);
			case TOO_MANY_REDIRECTS, REDIRECT_LOOP, INVALID_REDIRECT ->
				new Result(Outcome.FAILED, e.status(), "HTTP " + e.status() + ": " + e.getMessage(), null, where);
			case TOO_LARGE -> new Result(Outcome.FAILED, e.status(), e.getMessage(), null, where);
		};
	}

	private String reason(int s, Answer answer) {
		boolean redirect = s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
		String why;
		if (s >= 200 && s < 300) {
			why = "only HTTP 200 counts as delivered";
		}
		else if (redirect) {
			why = "redirect to " + answer.location() + " not followed";
		}
		else if (s == 408 || s == 429) {
			why = "receiver asked to retry later";
		}
		else if (s >= 400 && s < 500) {
			why = "receiver rejected the callback (retried anyway, as Alibaba does)";
		}
		else {
			why = "receiver error";
		}
		String snippet = answer.snippet() == null || answer.snippet().isBlank() ? "" : ": " + answer.snippet();
		return "HTTP " + s + ": " + why + snippet;
	}

}
