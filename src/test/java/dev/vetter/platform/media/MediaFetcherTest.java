package dev.vetter.platform.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.net.ssl.SSLContext;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import dev.vetter.platform.blob.LocalBlobStore;
import dev.vetter.platform.net.HostResolver;
import dev.vetter.platform.net.OutboundHttp;
import dev.vetter.platform.net.OutboundHttpProperties;
import dev.vetter.platform.net.TargetGuard;
import dev.vetter.support.TestTls;

/** Media downloads against real local servers, well-behaved and not, without Spring. */
class MediaFetcherTest {

	static final byte[] PNG = image("png");

	@TempDir
	Path dir;

	private final List<AutoCloseable> open = new java.util.ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable c : open) {
			c.close();
		}
	}

	private <T extends AutoCloseable> T open(T c) {
		open.add(c);
		return c;
	}

	private LocalBlobStore blobs() {
		return new LocalBlobStore(dir.resolve("blobs"));
	}

	/** Image limits shortened to 1 s and 64 KB so misbehaving servers fail fast. */
	private static MediaProperties small() {
		return new MediaProperties(Duration.ofSeconds(1), 3, Duration.ofSeconds(1), DataSize.ofKilobytes(64),
				Duration.ofSeconds(5), DataSize.ofMegabytes(1), Duration.ofSeconds(5), DataSize.ofMegabytes(1));
	}

	private MediaFetcher fetcher(boolean allowPrivate, HostResolver resolver, SSLContext tls, MediaProperties p,
			LocalBlobStore blobs) {
		OutboundHttp http = open(new OutboundHttp(new TargetGuard(allowPrivate, resolver),
				OutboundHttpProperties.defaults(), tls, new SimpleMeterRegistry()));
		return new MediaFetcher(http, blobs, p);
	}

	private MediaFetcher fetcher(MediaProperties p) {
		return fetcher(true, HostResolver.SYSTEM, TestTls.jvmDefault(), p, blobs());
	}

	private static FetchFailure failure(MediaFetcher f, String url, MediaKind kind) {
		try {
			f.fetch(url, kind);
		}
		catch (MediaFetchFailed e) {
			return e.reason();
		}
		throw new AssertionError("fetch of " + url + " did not fail");
	}

	@Test
	void sniffsTheFormatFromTheBytesNotTheHeaderAndStoresExactlyThem() throws Exception {
		MediaServer server = open(new MediaServer()).serve("/cat.txt", "text/plain", PNG);
		LocalBlobStore blobs = blobs();
		FetchedMedia m = fetcher(true, HostResolver.SYSTEM, TestTls.jvmDefault(), MediaProperties.defaults(), blobs)
			.fetch(server.url("/cat.txt"), MediaKind.IMAGE);
		assertThat(m.type()).isEqualTo(MediaType.PNG);
		assertThat(m.size()).isEqualTo(PNG.length);
		assertThat(m.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PNG)));
		assertThat(m.source()).isEqualTo(server.url("/cat.txt"));
		try (InputStream in = blobs.open(m.blob())) {
			assertThat(in.readAllBytes()).isEqualTo(PNG);
		}
	}

	@Test
	void aSlowDripServerTimesOutWith592() {
		// headers at once, then one byte every 50 ms: no read ever waits long, so only
		// the total deadline can stop it
		byte[] first = java.util.Arrays.copyOf(PNG, 1);
		try (MediaServer.Misbehaving drip = new MediaServer.Misbehaving(
				"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 60000\r\n\r\n", first, 50)) {
			assertThat(failure(fetcher(small()), drip.url("/slow.png"), MediaKind.IMAGE))
				.isEqualTo(FetchFailure.TIMEOUT);
			assertThat(FetchFailure.TIMEOUT.greenCode()).isEqualTo(592);
		}
	}

	@Test
	void aDeclaredLengthOverTheCapFailsWith589BeforeReading() {
		try (MediaServer.Misbehaving big = new MediaServer.Misbehaving(
				"HTTP/1.1 200 OK\r\nContent-Length: 10000000\r\n\r\n", new byte[8192], 0)) {
			LocalBlobStore blobs = blobs();
			assertThat(failure(fetcher(true, HostResolver.SYSTEM, TestTls.jvmDefault(), small(), blobs),
					big.url("/big.png"), MediaKind.IMAGE))
				.isEqualTo(FetchFailure.TOO_LARGE);
			assertThat(blobFiles()).isEmpty();
		}
	}

	@Test
	void anEndlessBodyWithoutLengthFailsWith589AtTheCap() {
		// no Content-Length, connection-delimited, never ends: only the cap stops it
		byte[] chunk = java.util.Arrays.copyOf(PNG, 4096);
		try (MediaServer.Misbehaving endless = new MediaServer.Misbehaving(
				"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\n\r\n", chunk, 0)) {
			assertThat(failure(fetcher(small()), endless.url("/endless.png"), MediaKind.IMAGE))
				.isEqualTo(FetchFailure.TOO_LARGE);
			assertThat(blobFiles()).isEmpty();
		}
	}

	@Test
	void anOversizeUploadOfAKnownSizeIsRefusedToo() {
		byte[] big = java.util.Arrays.copyOf(PNG, 70 * 1024);
		MediaServer server = open(new MediaServer()).serve("/big.png", "image/png", big);
		assertThat(failure(fetcher(small()), server.url("/big.png"), MediaKind.IMAGE))
			.isEqualTo(FetchFailure.TOO_LARGE);
	}

	@Test
	void redirectsToMetadataAndLinkLocalAddressesAreRefused() {
		MediaServer server = open(new MediaServer()).redirect("/meta", "http://169.254.169.254/latest/meta-data/")
			.redirect("/link", "http://169.254.10.1/x.png")
			.redirect("/zero", "http://0.0.0.0/x.png");
		MediaFetcher f = fetcher(small());
		for (String path : new String[] { "/meta", "/link", "/zero" }) {
			assertThatThrownBy(() -> f.fetch(server.url(path), MediaKind.IMAGE)).as(path)
				.isInstanceOfSatisfying(MediaFetchFailed.class, e -> {
					assertThat(e.reason()).isEqualTo(FetchFailure.REFUSED);
					assertThat(e.greenCode()).isEqualTo(480);
					assertThat(e.getMessage()).startsWith("redirect refused").contains("not allowed");
				});
		}
	}

	@Test
	void privateAndLoopbackTargetsAreRefusedByDefaultWithoutConnecting() {
		MediaServer server = open(new MediaServer()).serve("/a.png", "image/png", PNG);
		HostResolver dns = host -> switch (host) {
			case "intranet.example" -> List.of(InetAddress.getByName("10.1.2.3"));
			case "rebind.example" ->
				List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("127.0.0.1"));
			default -> throw new UnknownHostException(host);
		};
		MediaFetcher strict = fetcher(false, dns, TestTls.jvmDefault(), small(), blobs());
		for (String url : new String[] { server.url("/a.png"), "http://localhost:" + server.url("").split(":")[2],
				"http://10.0.0.7/a.png", "http://[::1]/a.png", "http://intranet.example/a.png",
				"http://rebind.example/a.png" }) {
			assertThatThrownBy(() -> strict.fetch(url, MediaKind.IMAGE)).as(url)
				.isInstanceOfSatisfying(MediaFetchFailed.class, e -> {
					assertThat(e.reason()).isEqualTo(FetchFailure.REFUSED);
					assertThat(e.getMessage()).contains("not allowed");
				});
		}
	}

	@Test
	void aNameThatDoesNotResolveIs480() {
		HostResolver dns = host -> {
			throw new UnknownHostException(host);
		};
		assertThat(failure(fetcher(true, dns, TestTls.jvmDefault(), small(), blobs()), "http://nowhere.example/a.png",
				MediaKind.IMAGE))
			.isEqualTo(FetchFailure.DOWNLOAD_FAILED);
	}

	@Test
	void aRedirectLoopIs480() {
		MediaServer server = open(new MediaServer());
		server.redirect("/a", server.url("/b")).redirect("/b", "/a");
		assertThatThrownBy(() -> fetcher(small()).fetch(server.url("/a"), MediaKind.IMAGE))
			.isInstanceOfSatisfying(MediaFetchFailed.class, e -> {
				assertThat(e.reason()).isEqualTo(FetchFailure.DOWNLOAD_FAILED);
				assertThat(e.getMessage()).contains("redirect loop");
			});
	}

	@Test
	void anAllowedRedirectIsFollowed() throws Exception {
		MediaServer server = open(new MediaServer()).redirect("/old", "/new.png").serve("/new.png", "image/png", PNG);
		FetchedMedia m = fetcher(small()).fetch(server.url("/old"), MediaKind.IMAGE);
		assertThat(m.type()).isEqualTo(MediaType.PNG);
		assertThat(m.source()).endsWith("/new.png");
	}

	@Test
	void zeroBytesAnd404AndRefusedConnectionsAre480() throws Exception {
		MediaServer server = open(new MediaServer()).serve("/empty.png", "image/png", new byte[0])
			.status("/gone.png", 404)
			.status("/broken.png", 500);
		MediaFetcher f = fetcher(small());
		assertThat(failure(f, server.url("/empty.png"), MediaKind.IMAGE)).isEqualTo(FetchFailure.DOWNLOAD_FAILED);
		assertThat(failure(f, server.url("/gone.png"), MediaKind.IMAGE)).isEqualTo(FetchFailure.DOWNLOAD_FAILED);
		assertThat(failure(f, server.url("/broken.png"), MediaKind.IMAGE)).isEqualTo(FetchFailure.DOWNLOAD_FAILED);
		int closedPort;
		try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
			closedPort = s.getLocalPort();
		}
		assertThat(failure(f, "http://127.0.0.1:" + closedPort + "/x.png", MediaKind.IMAGE))
			.isEqualTo(FetchFailure.DOWNLOAD_FAILED);
		assertThat(blobFiles()).isEmpty();
	}

	@Test
	void onlyFailuresThatMayPassLaterAreRetryable() {
		MediaServer server = open(new MediaServer()).status("/gone.png", 404)
			.status("/broken.png", 500)
			.status("/busy.png", 429);
		MediaFetcher f = fetcher(small());
		assertThat(retryable(f, server.url("/gone.png"))).as("404").isFalse();
		assertThat(retryable(f, server.url("/broken.png"))).as("500").isTrue();
		assertThat(retryable(f, server.url("/busy.png"))).as("429").isTrue();
		int closedPort;
		try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
			closedPort = s.getLocalPort();
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		assertThat(retryable(f, "http://127.0.0.1:" + closedPort + "/x.png")).as("connection refused").isTrue();
		HostResolver dns = host -> {
			throw new UnknownHostException(host);
		};
		assertThat(
				retryable(fetcher(true, dns, TestTls.jvmDefault(), small(), blobs()), "http://nowhere.example/a.png"))
			.as("unresolved")
			.isFalse();
	}

	private static boolean retryable(MediaFetcher f, String url) {
		try {
			f.fetch(url, MediaKind.IMAGE);
		}
		catch (MediaFetchFailed e) {
			return e.retryable();
		}
		throw new AssertionError("fetched " + url);
	}

	@Test
	void unknownBytesOrTheWrongKindAre590() {
		MediaServer server = open(new MediaServer())
			.serve("/note.png", "image/png", "just some text, not an image".getBytes())
			.serve("/cat.png", "image/png", PNG);
		MediaFetcher f = fetcher(small());
		assertThat(failure(f, server.url("/note.png"), MediaKind.IMAGE)).isEqualTo(FetchFailure.BAD_FORMAT);
		assertThat(failure(f, server.url("/cat.png"), MediaKind.AUDIO)).isEqualTo(FetchFailure.BAD_FORMAT);
		assertThat(FetchFailure.BAD_FORMAT.greenCode()).isEqualTo(590);
		assertThat(blobFiles()).isEmpty();
	}

	@Test
	void fetchesOverHttpsWithTheTestTrustStore() throws Exception {
		TestTls tls = TestTls.selfSigned();
		MediaServer server = open(new MediaServer(tls.serverContext())).serve("/cat", "application/octet-stream", PNG);
		// a generous deadline: the first TLS handshake of a cold JVM is slow, and this
		// test is about trust, not time
		MediaProperties generous = new MediaProperties(Duration.ofSeconds(10), 3, Duration.ofSeconds(20),
				DataSize.ofMegabytes(1), Duration.ofSeconds(20), DataSize.ofMegabytes(1), Duration.ofSeconds(20),
				DataSize.ofMegabytes(1));
		FetchedMedia m = fetcher(true, HostResolver.SYSTEM, tls.clientContext(), generous, blobs())
			.fetch(server.url("/cat"), MediaKind.IMAGE);
		assertThat(server.url("/cat")).startsWith("https://");
		assertThat(m.type()).isEqualTo(MediaType.PNG);
		// the JVM's trust does not know the certificate
		assertThat(failure(fetcher(generous), server.url("/cat"), MediaKind.IMAGE))
			.isEqualTo(FetchFailure.DOWNLOAD_FAILED);
	}

	private List<Path> blobFiles() {
		Path root = dir.resolve("blobs");
		if (!Files.exists(root)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile).toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static byte[] image(String format) {
		BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
		img.setRGB(3, 3, 0xff0000);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(img, format, out);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

}
