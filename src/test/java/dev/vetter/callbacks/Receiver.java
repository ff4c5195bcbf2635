package dev.vetter.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import dev.vetter.support.Api;

/**
 * A real callback receiver on 127.0.0.1: records every POST (form fields and Vetter
 * headers), checks each request's checksum the way an Alibaba client does, and answers
 * what the test scripts. Registered as a test's extension
 * ({@code @RegisterExtension final Receiver receiver = new Receiver();}) it stops after
 * each test.
 */
final class Receiver implements AutoCloseable, AfterEachCallback {

	/** One received callback. */
	record Received(String path, String contentType, String deliveryId, String event, int attempt, String checksum,
			String content) {
	}

	/** What to do with a request: answer a status, or misbehave. */
	record Behaviour(int status, long delayMillis, boolean hangUp, String location) {

		static Behaviour status(int status) {
			return new Behaviour(status, 0, false, null);
		}

		static Behaviour slow(long delayMillis) {
			return new Behaviour(200, delayMillis, false, null);
		}

		static Behaviour hangingUp() {
			return new Behaviour(0, 0, true, null);
		}

		static Behaviour redirect(String location) {
			return new Behaviour(302, 0, false, location);
		}
	}

	private final HttpServer server;

	private final String scheme;

	private final List<Received> received = java.util.Collections.synchronizedList(new ArrayList<>());

	private final ConcurrentLinkedQueue<Behaviour> script = new ConcurrentLinkedQueue<>();

	private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

	private final AtomicInteger overlaps = new AtomicInteger();

	private volatile Function<Received, Boolean> verifier = r -> true;

	private final AtomicInteger badChecksums = new AtomicInteger();

	private final Map<String, Long> arrivals = new ConcurrentHashMap<>();

	Receiver() {
		this(0);
	}

	/**
	 * On a given port (0: any free one), e.g. to come back where a stopped receiver was.
	 */
	Receiver(int port) {
		this(port, null);
	}

	/** Over TLS, presenting the certificate of {@code tls}. */
	static Receiver https(SSLContext tls) {
		return new Receiver(0, tls);
	}

	private Receiver(int port, SSLContext tls) {
		try {
			if (tls == null) {
				server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1000);
				scheme = "http";
			}
			else {
				HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 1000);
				https.setHttpsConfigurator(new HttpsConfigurator(tls));
				server = https;
				scheme = "https";
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		server.createContext("/", this::handle);
		server.setExecutor(Executors.newFixedThreadPool(16));
		server.start();
	}

	String url(String path) {
		return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	int port() {
		return server.getAddress().getPort();
	}

	/** Answers the next requests with these behaviours in order, then 200. */
	void script(Behaviour... behaviours) {
		script.addAll(List.of(behaviours));
	}

	/**
	 * Subscribes the tenant of {@code tenant} to every notification (machineScan and
	 * review, all suggestions, SHA256) at {@code path} of this receiver, and checks every
	 * request against the seed Vetter gave.
	 * @return the seed
	 */
	String subscribe(Api tenant, long uid, String path) {
		String seed = tenant.put("/v1/notifications", "{\"url\":\"" + url(path)
				+ "\",\"cryptType\":\"SHA256\",\"types\":[\"machineScan\",\"review\"],\"suggestions\":[\"block\",\"review\",\"pass\"]}")
			.json()
			.get("seed")
			.asString();
		verifyWith(uid, seed, CryptType.SHA256);
		return seed;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		close();
	}

	/** Checks every request's checksum against uid + seed + content. */
	void verifyWith(long uid, String seed, CryptType type) {
		verifier = r -> Checksum.of(type, uid, seed, r.content()).equals(r.checksum());
	}

	List<Received> received() {
		synchronized (received) {
			return List.copyOf(received);
		}
	}

	/** System.nanoTime() of each delivery id's first arrival. */
	Map<String, Long> arrivals() {
		return arrivals;
	}

	int badChecksums() {
		return badChecksums.get();
	}

	/** How often a delivery id arrived while the same id was still being handled. */
	int overlaps() {
		return overlaps.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		String id = exchange.getRequestHeaders().getFirst("X-Vetter-Delivery-Id");
		String attempt = exchange.getRequestHeaders().getFirst("X-Vetter-Attempt");
		Received r = new Received(exchange.getRequestURI().getPath(),
				exchange.getRequestHeaders().getFirst("Content-Type"), id,
				exchange.getRequestHeaders().getFirst("X-Vetter-Event"),
				attempt == null ? 0 : Integer.parseInt(attempt), form.get("checksum"), form.get("content"));
		AtomicInteger current = id == null ? new AtomicInteger()
				: inFlight.computeIfAbsent(id, k -> new AtomicInteger());
		if (current.incrementAndGet() > 1) {
			overlaps.incrementAndGet();
		}
		try {
			if (id != null) {
				arrivals.putIfAbsent(id, System.nanoTime());
			}
			received.add(r);
			if (!verifier.apply(r)) {
				badChecksums.incrementAndGet();
			}
			Behaviour b = script.poll();
			if (b == null) {
				b = Behaviour.status(200);
			}
			if (b.delayMillis() > 0) {
				try {
					Thread.sleep(b.delayMillis());
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
			if (b.hangUp()) {
				exchange.getResponseBody().close();
				exchange.close();
				return;
			}
			if (b.location() != null) {
				exchange.getResponseHeaders().add("Location", b.location());
			}
			byte[] body = (b.status() == 200 ? "success" : "nope").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(b.status(), body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		}
		finally {
			current.decrementAndGet();
		}
	}

	static Map<String, String> form(String body) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return fields;
	}

	@Override
	public void close() {
		server.stop(0);
		((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
	}

}
