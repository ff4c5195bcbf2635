package dev.vetter.moderation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server for media (media jobs, image scans, the console's media views):
 * test resources and generated files by path, and downloads held back until the test
 * releases them.
 */
public final class MediaFiles implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Map<String, byte[]> files = new ConcurrentHashMap<>();

	private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

	public MediaFiles() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		server.createContext("/", exchange -> {
			CountDownLatch gate = gates.get(exchange.getRequestURI().getPath());
			if (gate != null) {
				try {
					gate.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
			byte[] body = files.get(exchange.getRequestURI().getPath());
			if (body == null) {
				exchange.sendResponseHeaders(404, -1);
				exchange.close();
				return;
			}
			exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.setExecutor(executor);
		server.start();
	}

	/** Serves a test resource ({@code media/speech/all.wav}); returns its URL. */
	public String resource(String name) {
		return serve("/" + name, bytes(name));
	}

	/** The bytes of a test resource ({@code media/speech/all.wav}). */
	static byte[] bytes(String name) {
		try (InputStream in = MediaFiles.class.getClassLoader().getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalArgumentException("no resource " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public String file(Path path) {
		try {
			return serve("/" + path.getFileName(), Files.readAllBytes(path));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public String serve(String path, byte[] body) {
		files.put(path, body);
		return url(path);
	}

	/**
	 * The URL of {@code path} on this server, served or not (a missing file answers 404).
	 */
	public String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	/**
	 * Serves {@code body} at {@code path} only once {@code release} is counted down (or
	 * after 30 s): a download that stalls while the test acts.
	 */
	public String held(String path, byte[] body, CountDownLatch release) {
		gates.put(path, release);
		return serve(path, body);
	}

	@Override
	public void close() {
		gates.values().forEach(CountDownLatch::countDown);
		server.stop(0);
		executor.shutdownNow();
	}

}
