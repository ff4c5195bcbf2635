package dev.vetter.platform.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vetter.platform.net.OutboundRequestFailed.Reason;
import dev.vetter.support.TestTls;

/** The shared outbound client against a real local server, without Spring. */
class OutboundHttpTest {

	private final HttpServer server;

	/** Remote port of every request, to tell a reused connection from a new one. */
	private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();

	private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

	private final OutboundHttp http = new OutboundHttp(new TargetGuard(true, HostResolver.SYSTEM),
			OutboundHttpProperties.defaults(), TestTls.jvmDefault(), metrics);

	OutboundHttpTest() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		server.setExecutor(Executors.newFixedThreadPool(4));
		server.createContext("/", ex -> {
			clientPorts.add(ex.getRemoteAddress().getPort());
			String path = ex.getRequestURI().getPath();
			if (path.startsWith("/hop")) {
				int n = Integer.parseInt(path.substring(4));
				ex.getResponseHeaders().add("Location", "/hop" + (n + 1));
				ex.sendResponseHeaders(302, -1);
			}
			else {
				byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
				ex.sendResponseHeaders(200, body.length);
				ex.getResponseBody().write(body);
			}
			ex.close();
		});
		server.start();
	}

	@AfterEach
	void stop() {
		http.close();
		server.stop(0);
		((ExecutorService) server.getExecutor()).shutdownNow();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	private static OutboundHttp.Limits limits(int maxRedirects) {
		return new OutboundHttp.Limits(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10), 1024,
				maxRedirects);
	}

	@Test
	void reusesAConnectionWhoseBodyWasReadToTheEnd() throws Exception {
		for (int i = 0; i < 2; i++) {
			String body = http.exchange(OutboundHttp.Request.get(url("/a"), "test"), limits(0),
					r -> new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
			assertThat(body).isEqualTo("hello");
			assertThat(http.leasedConnections()).isZero();
		}
		assertThat(clientPorts).hasSize(2);
		assertThat(clientPorts.get(1)).isEqualTo(clientPorts.get(0));
	}

	@Test
	void dropsAConnectionWhoseBodyWasNotRead() throws Exception {
		for (int i = 0; i < 2; i++) {
			int status = http.exchange(OutboundHttp.Request.get(url("/a"), "test"), limits(0), r -> r.status());
			assertThat(status).isEqualTo(200);
			assertThat(http.leasedConnections()).isZero();
		}
		assertThat(clientPorts).hasSize(2);
		assertThat(clientPorts.get(1)).isNotEqualTo(clientPorts.get(0));
	}

	@Test
	void followsRedirectsUpToTheCap() throws Exception {
		String last = http.exchange(OutboundHttp.Request.get(url("/hop0"), "test"), limits(0),
				r -> r.status() + " " + r.header("Location").orElse(""));
		assertThat(last).isEqualTo("302 /hop1");
		assertThatThrownBy(() -> http.exchange(OutboundHttp.Request.get(url("/hop0"), "test"), limits(2), r -> 0))
			.isInstanceOfSatisfying(OutboundRequestFailed.class, e -> {
				assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_REDIRECTS);
				assertThat(e.status()).isEqualTo(302);
			});
		assertThat(clientPorts).hasSize(4);
		assertThat(http.leasedConnections()).isZero();
	}

	@Test
	void refusesAForbiddenUrlWithoutConnectingAndCountsIt() {
		assertThatThrownBy(
				() -> http.exchange(OutboundHttp.Request.get("http://169.254.169.254/", "test"), limits(0), r -> 0))
			.isInstanceOfSatisfying(OutboundRequestFailed.class, e -> {
				assertThat(e.reason()).isEqualTo(Reason.REFUSED);
				assertThat(e.getMessage()).contains("metadata");
			});
		assertThatThrownBy(
				() -> http.exchange(OutboundHttp.Request.get("ftp://example.com/", "test"), limits(0), r -> 0))
			.isInstanceOfSatisfying(OutboundRequestFailed.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED));
		assertThat(metrics.get("vetter.outbound.requests").tag("outcome", "refused").timer().count()).isEqualTo(2);
	}

}
