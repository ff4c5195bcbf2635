package dev.vetter.platform.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * Local media servers for fetch tests: a well-behaved one (JDK HttpServer, plain or TLS)
 * with a handler per path, and a raw socket one that misbehaves on purpose.
 */
final class MediaServer implements AutoCloseable {

	private final HttpServer server;

	private final String scheme;

	MediaServer() {
		this(null);
	}

	MediaServer(SSLContext tls) {
		try {
			if (tls == null) {
				server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
				scheme = "http";
			}
			else {
				HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
				https.setHttpsConfigurator(new HttpsConfigurator(tls));
				server = https;
				scheme = "https";
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		server.setExecutor(Executors.newFixedThreadPool(4));
		server.start();
	}

	MediaServer on(String path, HttpHandler handler) {
		server.createContext(path, handler);
		return this;
	}

	/** Serves {@code body} with the given (possibly lying) content type. */
	MediaServer serve(String path, String contentType, byte[] body) {
		return on(path, ex -> {
			ex.getResponseHeaders().add("Content-Type", contentType);
			ex.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
			ex.getResponseBody().write(body);
			ex.close();
		});
	}

	MediaServer status(String path, int status) {
		return on(path, ex -> {
			byte[] b = "no".getBytes(StandardCharsets.UTF_8);
			ex.sendResponseHeaders(status, b.length);
			ex.getResponseBody().write(b);
			ex.close();
		});
	}

	MediaServer redirect(String path, String location) {
		return on(path, ex -> {
			ex.getResponseHeaders().add("Location", location);
			ex.sendResponseHeaders(302, -1);
			ex.close();
		});
	}

	String url(String path) {
		return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	static void close(HttpExchange ex) {
		ex.close();
	}

	@Override
	public void close() {
		server.stop(0);
		((ExecutorService) server.getExecutor()).shutdownNow();
	}

	/**
	 * A server that answers every connection with {@code head} and then writes
	 * {@code chunk} every {@code pauseMillis} until the client goes away (or forever).
	 * Counts the body bytes it managed to write.
	 */
	static final class Misbehaving implements AutoCloseable {

		private final ServerSocket socket;

		private final ExecutorService pool = Executors.newCachedThreadPool();

		final AtomicLong written = new AtomicLong();

		Misbehaving(String head, byte[] chunk, long pauseMillis) {
			try {
				socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			pool.execute(() -> {
				while (!socket.isClosed()) {
					try {
						Socket s = socket.accept();
						pool.execute(() -> drip(s, head, chunk, pauseMillis));
					}
					catch (IOException e) {
						return;
					}
				}
			});
		}

		private void drip(Socket s, String head, byte[] chunk, long pauseMillis) {
			try (s) {
				InputStream in = s.getInputStream();
				// read the request head
				int matched = 0;
				while (matched < 4) {
					int b = in.read();
					if (b < 0) {
						return;
					}
					matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
				}
				OutputStream out = s.getOutputStream();
				out.write(head.getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				while (!Thread.currentThread().isInterrupted()) {
					out.write(chunk);
					out.flush();
					written.addAndGet(chunk.length);
					if (pauseMillis > 0) {
						Thread.sleep(pauseMillis);
					}
				}
			}
			catch (IOException e) {
				// the client hung up: expected
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}

		String url(String path) {
			return "http://127.0.0.1:" + socket.getLocalPort() + path;
		}

		@Override
		public void close() {
			try {
				socket.close();
			}
			catch (IOException ignored) {
				// closing
			}
			pool.shutdownNow();
		}

	}

}
