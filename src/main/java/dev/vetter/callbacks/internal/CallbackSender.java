package dev.vetter.callbacks.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import dev.vetter.platform.net.ResolvedTarget;
import dev.vetter.platform.net.TargetGuard;
import dev.vetter.platform.net.TargetRefused;

/**
 * A deliberately small HTTP/1.1 client for callbacks: one POST per connection
 * ({@code Connection: close}), status line and headers read, body mostly ignored.
 * <p>
 * Why not {@code java.net.http}: it resolves the host itself, so the address checked by
 * the {@link TargetGuard} and the address connected to could differ (DNS rebinding). Here
 * the host is resolved once by the guard and the socket connects to exactly the checked
 * address; TLS still verifies the certificate against the host name (SNI and endpoint
 * identification). Every attempt has a hard deadline: the socket is closed when it
 * passes, whatever the receiver does (slow headers, trickled bytes, a full TCP window).
 */
public class CallbackSender {

	private static final int MAX_HEAD = 16 * 1024;

	private static final int MAX_REDIRECTS = 3;

	/** What came of one attempt. {@code status} is 0 when no HTTP answer came. */
	public record Result(Outcome outcome, int status, String error, Duration retryAfter, String finalUrl) {

		public boolean delivered() {
			return outcome == Outcome.DELIVERED;
		}
	}

	public enum Outcome {

		DELIVERED, FAILED, TIMEOUT, CONNECTION_FAILED, REFUSED

	}

	private record Answer(int status, String location, Duration retryAfter, String snippet) {
	}

	private final TargetGuard guard;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final Duration attemptTimeout;

	private final boolean followRedirects;

	private final ScheduledExecutorService watchdog;

	public CallbackSender(TargetGuard guard, CallbacksProperties.Http http) {
		this.guard = guard;
		this.connectTimeout = http.connectTimeout();
		this.readTimeout = http.readTimeout();
		this.attemptTimeout = http.attemptTimeout();
		this.followRedirects = http.followRedirects();
		this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "callback-watchdog");
			t.setDaemon(true);
			return t;
		});
	}

	public Duration attemptTimeout() {
		return attemptTimeout;
	}

	public void close() {
		watchdog.shutdownNow();
	}

	/**
	 * POSTs a form body. Never throws for network trouble: every failure is a
	 * {@link Result} with a reason a tenant can act on.
	 */
	public Result post(String url, Map<String, String> headers, byte[] body) {
		long deadline = System.nanoTime() + attemptTimeout.toNanos();
		URI uri = URI.create(url);
		for (int hop = 0;; hop++) {
			ResolvedTarget target;
			try {
				target = guard.resolve(uri);
			}
			catch (TargetRefused e) {
				return new Result(Outcome.REFUSED, 0,
						(hop > 0 ? "redirect refused: " : "target refused: ") + e.getMessage(), null, uri.toString());
			}
			catch (UnknownHostException e) {
				return new Result(Outcome.CONNECTION_FAILED, 0, "host " + uri.getHost() + " does not resolve", null,
						uri.toString());
			}
			catch (RuntimeException e) {
				return new Result(Outcome.REFUSED, 0, "invalid URL: " + e.getMessage(), null, uri.toString());
			}
			Answer answer;
			try {
				answer = exchange(target, headers, body, deadline);
			}
			catch (SocketTimeoutException e) {
				return new Result(Outcome.TIMEOUT, 0, "timed out: " + e.getMessage(), null, uri.toString());
			}
			catch (IOException e) {
				if (System.nanoTime() - deadline >= 0) {
					return new Result(Outcome.TIMEOUT, 0, "no answer within " + attemptTimeout.toMillis() + " ms", null,
							uri.toString());
				}
				String kind = e instanceof ConnectException ? "connection failed" : "connection error";
				return new Result(Outcome.CONNECTION_FAILED, 0, kind + ": " + e.getMessage(), null, uri.toString());
			}
			int s = answer.status();
			if (s == 200) {
				return new Result(Outcome.DELIVERED, 200, null, null, uri.toString());
			}
			boolean redirect = s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
			if (redirect && followRedirects && answer.location() != null && hop < MAX_REDIRECTS) {
				try {
					uri = uri.resolve(answer.location());
					continue;
				}
				catch (IllegalArgumentException e) {
					return new Result(Outcome.FAILED, s, "HTTP " + s + ": invalid redirect location", null,
							uri.toString());
				}
			}
			return new Result(Outcome.FAILED, s, reason(s, answer, redirect), answer.retryAfter(), uri.toString());
		}
	}

	private String reason(int s, Answer answer, boolean redirect) {
		String why;
		if (s >= 200 && s < 300) {
			why = "only HTTP 200 counts as delivered";
		}
		else if (redirect) {
			why = followRedirects ? "too many redirects" : "redirect to " + answer.location() + " not followed";
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

	private Answer exchange(ResolvedTarget target, Map<String, String> headers, byte[] body, long deadline)
			throws IOException {
		Socket socket = connect(target.addresses(), target.port(), deadline);
		ScheduledFuture<?> kill = watchdog.schedule(() -> closeQuietly(socket), remaining(deadline),
				TimeUnit.NANOSECONDS);
		Socket s = socket;
		try {
			socket.setTcpNoDelay(true);
			socket.setSoTimeout(millis(Math.min(readTimeout.toNanos(), remaining(deadline))));
			if (target.https()) {
				s = tls(socket, target);
			}
			OutputStream out = s.getOutputStream();
			out.write(head(target, headers, body.length));
			out.write(body);
			out.flush();
			s.setSoTimeout(millis(Math.min(readTimeout.toNanos(), remaining(deadline))));
			return read(new BufferedInputStream(s.getInputStream(), 4096), deadline, s);
		}
		finally {
			kill.cancel(false);
			closeQuietly(s);
			closeQuietly(socket);
		}
	}

	/** Connects to the checked addresses in order; never resolves the name again. */
	private Socket connect(List<InetAddress> addresses, int port, long deadline) throws IOException {
		IOException last = null;
		for (InetAddress address : addresses) {
			long left = remaining(deadline);
			if (left <= 0) {
				break;
			}
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress(address, port), millis(Math.min(connectTimeout.toNanos(), left)));
				return socket;
			}
			catch (IOException e) {
				closeQuietly(socket);
				last = e instanceof SocketTimeoutException
						? new SocketTimeoutException("connect to " + address.getHostAddress() + " timed out") : e;
			}
		}
		throw last != null ? last : new SocketTimeoutException("no time left to connect");
	}

	private static Socket tls(Socket plain, ResolvedTarget target) throws IOException {
		SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain,
				target.host(), target.port(), true);
		SSLParameters params = ssl.getSSLParameters();
		params.setEndpointIdentificationAlgorithm("HTTPS");
		if (target.host().indexOf(':') < 0 && !target.host().matches("[0-9.]+")) {
			params.setServerNames(List.of(new SNIHostName(target.host())));
		}
		ssl.setSSLParameters(params);
		ssl.startHandshake();
		return ssl;
	}

	private static byte[] head(ResolvedTarget target, Map<String, String> headers, int length) {
		StringBuilder sb = new StringBuilder(256);
		sb.append("POST ").append(target.requestTarget()).append(" HTTP/1.1\r\n");
		sb.append("Host: ").append(target.hostHeader()).append("\r\n");
		sb.append("Content-Type: application/x-www-form-urlencoded; charset=UTF-8\r\n");
		sb.append("Content-Length: ").append(length).append("\r\n");
		sb.append("Connection: close\r\n");
		sb.append("User-Agent: Vetter-Callbacks/1.0\r\n");
		headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
		sb.append("\r\n");
		return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	private Answer read(InputStream in, long deadline, Socket s) throws IOException {
		int[] budget = { MAX_HEAD };
		String statusLine = line(in, budget, deadline, s);
		int status;
		while (true) {
			String[] parts = statusLine.split(" ", 3);
			if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
				throw new IOException("malformed HTTP status line");
			}
			status = Integer.parseInt(parts[1]);
			if (status != 100) {
				break;
			}
			// 100 Continue: skip its (empty) header block and read the real answer
			while (!line(in, budget, deadline, s).isEmpty()) {
				// skip
			}
			statusLine = line(in, budget, deadline, s);
		}
		String location = null;
		Duration retryAfter = null;
		long contentLength = -1;
		for (String h = line(in, budget, deadline, s); !h.isEmpty(); h = line(in, budget, deadline, s)) {
			int colon = h.indexOf(':');
			if (colon <= 0) {
				continue;
			}
			String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = h.substring(colon + 1).trim();
			switch (name) {
				case "location" -> location = value;
				case "retry-after" ->
					retryAfter = value.matches("\\d{1,6}") ? Duration.ofSeconds(Long.parseLong(value)) : null;
				case "content-length" -> contentLength = value.matches("\\d{1,12}") ? Long.parseLong(value) : -1;
				default -> {
				}
			}
		}
		String snippet = null;
		if (status != 200 && contentLength > 0 && contentLength <= 1024) {
			try {
				byte[] b = in.readNBytes((int) contentLength);
				snippet = new String(b, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
				snippet = snippet.length() > 200 ? snippet.substring(0, 200) : snippet;
			}
			catch (IOException e) {
				// the status is what counts
			}
		}
		return new Answer(status, location, retryAfter, snippet);
	}

	private String line(InputStream in, int[] budget, long deadline, Socket s) throws IOException {
		ByteArrayOutputStream buf = new ByteArrayOutputStream(64);
		while (true) {
			s.setSoTimeout(millis(Math.min(readTimeout.toNanos(), remaining(deadline))));
			int b = in.read();
			if (b < 0) {
				throw new IOException("connection closed before the answer was complete");
			}
			if (--budget[0] < 0) {
				throw new IOException("answer headers are too large");
			}
			if (b == '\n') {
				break;
			}
			if (b != '\r') {
				buf.write(b);
			}
		}
		return buf.toString(StandardCharsets.ISO_8859_1);
	}

	private static long remaining(long deadline) {
		return deadline - System.nanoTime();
	}

	private static int millis(long nanos) throws SocketTimeoutException {
		long ms = TimeUnit.NANOSECONDS.toMillis(nanos);
		if (ms <= 0) {
			throw new SocketTimeoutException("attempt deadline passed");
		}
		return (int) Math.min(ms, Integer.MAX_VALUE);
	}

	private static void closeQuietly(Socket s) {
		try {
			s.close();
		}
		catch (IOException ignored) {
			// closing anyway
		}
	}

}
