package dev.vetter.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** A local HTTP server that answers 200 and keeps the form bodies it was sent. */
final class CallbackReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<String> bodies = new CopyOnWriteArrayList<>();

	CallbackReceiver() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		server.createContext("/", exchange -> {
			bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.start();
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
	}

	List<String> bodies() {
		return List.copyOf(bodies);
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
