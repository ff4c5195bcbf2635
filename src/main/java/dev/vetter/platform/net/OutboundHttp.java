package dev.vetter.platform.net;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.vetter.platform.net.OutboundRequestFailed.Reason;

/**
 * The one outbound HTTP client of the service (callbacks, media downloads): Apache
 * HttpClient 5 with a bounded connection pool, bound to the {@link TargetGuard}.
 * <ul>
 * <li>Every URL is checked by the guard, and the client's DNS resolver <em>is</em> the
 * guard: the host is resolved once, every address checked, and the connection made to
 * exactly those addresses.</li>
 * <li>Redirects are followed here, not by the library: each hop is checked again, hops
 * are capped, and a loop is refused.</li>
 * <li>Connect, read (per socket read) and total deadlines. The total deadline holds
 * against slow-drip servers: a watchdog aborts the exchange when it passes, and every
 * body read checks it too.</li>
 * <li>The response body cap is enforced while reading: a declared length above the cap
 * fails before reading, an undeclared one fails at the first byte past the cap, and the
 * connection is then dropped, not drained.</li>
 * </ul>
 * No cookies, no automatic retries, no transparent decompression (bytes are what the
 * server sent), no proxies from system properties.
 */
public final class OutboundHttp implements AutoCloseable {

	/**
	 * Limits of one exchange, redirects included.
	 *
	 * @param connectTimeout TCP connect timeout per address
	 * @param readTimeout longest wait for any byte of the answer
	 * @param totalTimeout hard limit of the whole exchange, redirects and body included
	 * @param maxBodyBytes largest response body read
	 * @param maxRedirects redirects followed (0: a 3xx is handed to the caller)
	 */
	public record Limits(Duration connectTimeout, Duration readTimeout, Duration totalTimeout, long maxBodyBytes,
			int maxRedirects) {

		public Limits {
			if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
					|| readTimeout.isZero() || totalTimeout.isNegative() || totalTimeout.isZero()) {
				throw new IllegalArgumentException("outbound timeouts must be positive");
			}
			if (maxBodyBytes < 0 || maxRedirects < 0) {
				throw new IllegalArgumentException("maxBodyBytes and maxRedirects must be >= 0");
			}
		}
	}

	/**
	 * What to send.
	 *
	 * @param method GET or POST
	 * @param uri absolute http(s) URL
	 * @param headers extra request headers
	 * @param body request body (POST), or {@code null}
	 * @param contentType content type of {@code body}
	 * @param purpose metric tag: who is calling ({@code callback}, {@code media})
	 */
	public record Request(String method, String uri, Map<String, String> headers, byte[] body, String contentType,
			String purpose) {

		public Request {
			headers = Map.copyOf(headers);
		}

		public static Request get(String uri, String purpose) {
			return new Request("GET", uri, Map.of(), null, null, purpose);
		}

		public static Request post(String uri, Map<String, String> headers, byte[] body, String contentType,
				String purpose) {
			return new Request("POST", uri, new LinkedHashMap<>(headers), body, contentType, purpose);
		}
	}

	/** The answer of the last hop, with its body bounded by the limits. */
	public interface Response {

		int status();

		/** The URL that answered (after redirects). */
		URI uri();

		Optional<String> header(String name);

		/** Declared length, -1 when unknown. */
		long contentLength();

		/**
		 * The body: reading past {@code maxBodyBytes} or the total deadline fails (the
		 * exchange then fails with {@link Reason#TOO_LARGE} or {@link Reason#TIMEOUT}).
		 */
		InputStream body();

	}

	/** Reads what it needs from a response. */
	@FunctionalInterface
	public interface Handler<T> {

		T handle(Response response) throws IOException;

	}

	/** The body passed the cap. */
	private static final class BodyTooLarge extends IOException {

		BodyTooLarge(String message) {
			super(message);
		}

	}

	/** The total deadline passed while reading. */
	private static final class DeadlinePassed extends InterruptedIOException {

		DeadlinePassed() {
			super("total deadline passed");
		}

	}

	private final TargetGuard guard;

	private final CloseableHttpClient client;

	private final PoolingHttpClientConnectionManager connections;

	private final ScheduledExecutorService watchdog;

	private final MeterRegistry metrics;

	public OutboundHttp(TargetGuard guard, OutboundHttpProperties properties, SSLContext tls, MeterRegistry metrics) {
		this.guard = guard;
		this.metrics = metrics;
		this.connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setDnsResolver(new GuardedDnsResolver(guard))
			.setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
			.setMaxConnTotal(properties.maxConnections())
			.setMaxConnPerRoute(properties.maxConnectionsPerHost())
			.setDefaultSocketConfig(
					SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(Timeout.ofSeconds(30)).build())
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.of(properties.connectTimeout()))
				.setSocketTimeout(Timeout.ofSeconds(30))
				.setValidateAfterInactivity(TimeValue.ofSeconds(2))
				.setTimeToLive(TimeValue.ofMinutes(5))
				.build())
			.build();
		this.client = HttpClients.custom()
			.setConnectionManager(connections)
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			.setUserAgent(properties.userAgent())
			.evictExpiredConnections()
			.evictIdleConnections(TimeValue.of(properties.idleTimeout()))
			.build();
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
			Thread t = new Thread(r, "outbound-watchdog");
			t.setDaemon(true);
			return t;
		});
		// most exchanges finish in time: drop their cancelled alarms at once instead of
		// keeping them queued until the deadline
		timer.setRemoveOnCancelPolicy(true);
		this.watchdog = timer;
	}

	public TargetGuard guard() {
		return guard;
	}

	/**
	 * Sends the request (following redirects up to {@code limits.maxRedirects}) and hands
	 * the last answer to {@code handler}. Never throws for network trouble other than as
	 * {@link OutboundRequestFailed}.
	 */
	public <T> T exchange(Request request, Limits limits, Handler<T> handler) throws OutboundRequestFailed {
		long t0 = System.nanoTime();
		long deadline = t0 + limits.totalTimeout().toNanos();
		String outcome = "error";
		try {
			T result = run(request, limits, handler, deadline);
			outcome = "ok";
			return result;
		}
		catch (OutboundRequestFailed e) {
			outcome = e.reason().name().toLowerCase(Locale.ROOT);
			throw e;
		}
		finally {
			Timer.builder("vetter.outbound.requests")
				.description("Outbound HTTP exchanges (callbacks, media downloads), redirects included")
				.tag("purpose", request.purpose() == null ? "other" : request.purpose())
				.tag("outcome", outcome)
				.register(metrics)
				.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
		}
	}

	private <T> T run(Request request, Limits limits, Handler<T> handler, long deadline) throws OutboundRequestFailed {
		URI uri;
		try {
			uri = guard.check(request.uri());
		}
		catch (TargetRefused e) {
			throw new OutboundRequestFailed(Reason.REFUSED, e.getMessage(), null, 0, false);
		}
		String method = request.method();
		byte[] body = request.body();
		Set<String> visited = new HashSet<>();
		visited.add(uri.normalize().toString());
		for (int hop = 0;; hop++) {
			boolean redirected = hop > 0;
			HttpUriRequestBase http = new HttpUriRequestBase(method, uri);
			request.headers().forEach(http::addHeader);
			if (body != null && !method.equals("GET")) {
				http.setEntity(new ByteArrayEntity(body,
						request.contentType() == null ? null : ContentType.parse(request.contentType())));
			}
			http.setConfig(config(limits, deadline));
			AtomicBoolean timedOut = new AtomicBoolean();
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				throw new OutboundRequestFailed(Reason.TIMEOUT,
						"no answer within " + limits.totalTimeout().toMillis() + " ms", uri, 0, redirected);
			}
			ScheduledFuture<?> kill = watchdog.schedule(() -> {
				timedOut.set(true);
				http.cancel();
			}, left, TimeUnit.NANOSECONDS);
			ClassicHttpResponse response = null;
			boolean reusable = false;
			boolean inHandler = false;
			try {
				response = client.executeOpen(null, http, HttpClientContext.create());
				int status = response.getCode();
				Header location = response.getFirstHeader("Location");
				boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
				if (redirect && limits.maxRedirects() > 0) {
					if (location == null || location.getValue().isBlank()) {
						throw new OutboundRequestFailed(Reason.INVALID_REDIRECT,
								"HTTP " + status + " without a Location", uri, status, redirected);
					}
					if (hop >= limits.maxRedirects()) {
						throw new OutboundRequestFailed(Reason.TOO_MANY_REDIRECTS,
								"more than " + limits.maxRedirects() + " redirects", uri, status, redirected);
					}
					URI next = follow(uri, location.getValue(), status, redirected);
					if (!visited.add(next.normalize().toString())) {
						throw new OutboundRequestFailed(Reason.REDIRECT_LOOP, "redirect loop at " + next, uri, status,
								redirected);
					}
					if (status == 303) {
						method = "GET";
						body = null;
					}
					uri = next;
					continue;
				}
				BoundedResponse answer = new BoundedResponse(response, uri, limits.maxBodyBytes(), deadline);
				inHandler = true;
				T result = handler.handle(answer);
				reusable = answer.finished();
				return result;
			}
			catch (OutboundRequestFailed e) {
				throw e;
			}
			catch (RuntimeException e) {
				if (inHandler) {
					// the caller's own failure (e.g. its storage), not the network's
					throw e;
				}
				throw failure(e, uri, redirected, timedOut.get() || System.nanoTime() - deadline >= 0, limits);
			}
			catch (IOException e) {
				throw failure(e, uri, redirected, timedOut.get() || System.nanoTime() - deadline >= 0, limits);
			}
			finally {
				kill.cancel(false);
				if (!reusable) {
					// drop the connection: never drain a body we did not want (slow drip,
					// oversize)
					http.cancel();
				}
				if (response != null) {
					try {
						response.close();
					}
					catch (IOException ignored) {
						// the connection is gone either way
					}
				}
			}
		}
	}

	private URI follow(URI from, String location, int status, boolean redirected) throws OutboundRequestFailed {
		URI next;
		try {
			next = from.resolve(location.trim());
		}
		catch (IllegalArgumentException e) {
			throw new OutboundRequestFailed(Reason.INVALID_REDIRECT, "invalid redirect location", from, status,
					redirected);
		}
		try {
			return guard.check(next.toString());
		}
		catch (TargetRefused e) {
			throw new OutboundRequestFailed(Reason.REFUSED, e.getMessage(), next, status, true);
		}
	}

	@SuppressWarnings("deprecation") // per-request connect timeout: still honoured, and
										// callers differ
	private static RequestConfig config(Limits limits, long deadline) {
		long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
		return RequestConfig.custom()
			.setConnectTimeout(Timeout.ofMilliseconds(Math.min(limits.connectTimeout().toMillis(), left)))
			.setResponseTimeout(Timeout.ofMilliseconds(Math.min(limits.readTimeout().toMillis(), left)))
			.setConnectionRequestTimeout(Timeout.ofMilliseconds(left))
			.setRedirectsEnabled(false)
			.setContentCompressionEnabled(false)
			.build();
	}

	private static OutboundRequestFailed failure(Exception e, URI uri, boolean redirected, boolean pastDeadline,
			Limits limits) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof GuardedDnsResolver.Refused refused) {
				return new OutboundRequestFailed(Reason.REFUSED, refused.refusal().getMessage(), uri, 0, redirected);
			}
			if (t instanceof BodyTooLarge) {
				return new OutboundRequestFailed(Reason.TOO_LARGE, t.getMessage(), uri, 0, redirected);
			}
		}
		if (pastDeadline || e instanceof DeadlinePassed) {
			return new OutboundRequestFailed(Reason.TIMEOUT,
					"no complete answer within " + limits.totalTimeout().toMillis() + " ms", uri, 0, redirected);
		}
		if (e instanceof ConnectTimeoutException) {
			return new OutboundRequestFailed(Reason.TIMEOUT, "connect timed out: " + e.getMessage(), uri, 0,
					redirected);
		}
		if (e instanceof SocketTimeoutException) {
			return new OutboundRequestFailed(Reason.TIMEOUT, "no data for " + limits.readTimeout().toMillis() + " ms",
					uri, 0, redirected);
		}
		if (e instanceof UnknownHostException) {
			return new OutboundRequestFailed(Reason.UNRESOLVED, "host " + uri.getHost() + " does not resolve", uri, 0,
					redirected);
		}
		if (e instanceof HttpHostConnectException || e instanceof ConnectException
				|| e instanceof NoRouteToHostException) {
			return new OutboundRequestFailed(Reason.CONNECT_FAILED, "connection failed: " + e.getMessage(), uri, 0,
					redirected);
		}
		if (e instanceof SSLException) {
			return new OutboundRequestFailed(Reason.CONNECT_FAILED, "TLS failed: " + e.getMessage(), uri, 0,
					redirected);
		}
		return new OutboundRequestFailed(Reason.CONNECTION_ERROR, "connection error: " + e.getMessage(), uri, 0,
				redirected);
	}

	@Override
	public void close() {
		watchdog.shutdownNow();
		client.close(CloseMode.IMMEDIATE);
	}

	/** Pool state, for metrics and tests. */
	public int leasedConnections() {
		return connections.getTotalStats().getLeased();
	}

	private static final class BoundedResponse implements Response {

		private final ClassicHttpResponse response;

		private final URI uri;

		private final BoundedBody body;

		BoundedResponse(ClassicHttpResponse response, URI uri, long max, long deadline) throws IOException {
			this.response = response;
			this.uri = uri;
			HttpEntity entity = response.getEntity();
			long declared = entity == null ? 0 : entity.getContentLength();
			if (declared > max) {
				throw new BodyTooLarge("declared length " + declared + " bytes is over the limit of " + max);
			}
			this.body = new BoundedBody(entity == null ? InputStream.nullInputStream() : entity.getContent(), max,
					deadline);
		}

		boolean finished() {
			return body.eof;
		}

		@Override
		public int status() {
			return response.getCode();
		}

		@Override
		public URI uri() {
			return uri;
		}

		@Override
		public Optional<String> header(String name) {
			Header h = response.getFirstHeader(name);
			return h == null ? Optional.empty() : Optional.of(h.getValue());
		}

		@Override
		public long contentLength() {
			HttpEntity entity = response.getEntity();
			return entity == null ? 0 : entity.getContentLength();
		}

		@Override
		public InputStream body() {
			return body;
		}

	}

	/** Counts and caps what is read, and checks the total deadline on every read. */
	private static final class BoundedBody extends FilterInputStream {

		private final long max;

		private final long deadline;

		private long count;

		private boolean eof;

		BoundedBody(InputStream in, long max, long deadline) {
			super(in);
			this.max = max;
			this.deadline = deadline;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int n = read(one, 0, 1);
			return n < 0 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (System.nanoTime() - deadline >= 0) {
				throw new DeadlinePassed();
			}
			if (len == 0) {
				return 0;
			}
			// never ask for more than one byte past the cap
			int n = super.read(b, off, (int) Math.min(len, max - count + 1));
			if (n < 0) {
				eof = true;
				return n;
			}
			count += n;
			if (count > max) {
				throw new BodyTooLarge("body is over the limit of " + max + " bytes");
			}
			return n;
		}

		@Override
		public long skip(long n) throws IOException {
			byte[] buf = new byte[(int) Math.min(8192, Math.max(0, n))];
			long skipped = 0;
			while (skipped < n) {
				int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
				if (r < 0) {
					break;
				}
				skipped += r;
			}
			return skipped;
		}

		@Override
		public void close() {
			// the exchange releases or drops the connection
		}

	}

}
