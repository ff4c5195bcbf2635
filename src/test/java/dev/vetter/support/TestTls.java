package dev.vetter.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code 127.0.0.1} and {@code localhost}, made once per
 * JVM with the JDK's own {@code keytool} (nothing checked in): a server context for local
 * TLS receivers and media servers, a client context and a PKCS12 trust store file
 * ({@code vetter.net.trust-store}) that trust only it.
 */
public final class TestTls {

	private static final String PASSWORD = "changeit";

	private static TestTls instance;

	private final Path keyStore;

	private final Path trustStore;

	private TestTls(Path keyStore, Path trustStore) {
		this.keyStore = keyStore;
		this.trustStore = trustStore;
	}

	/** The JVM's default trust (public CAs only). */
	public static SSLContext jvmDefault() {
		try {
			return SSLContext.getDefault();
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	public static synchronized TestTls selfSigned() {
		if (instance == null) {
			try {
				Path dir = Files.createTempDirectory("vetter-tls");
				dir.toFile().deleteOnExit();
				Path keys = dir.resolve("server.p12");
				keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
						"CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore",
						keys.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
				KeyStore ks = load(keys);
				Certificate cert = ks.getCertificate("server");
				KeyStore ts = KeyStore.getInstance("PKCS12");
				ts.load(null, null);
				ts.setCertificateEntry("server", cert);
				Path trust = dir.resolve("trust.p12");
				try (var out = Files.newOutputStream(trust)) {
					ts.store(out, PASSWORD.toCharArray());
				}
				keys.toFile().deleteOnExit();
				trust.toFile().deleteOnExit();
				instance = new TestTls(keys, trust);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			catch (GeneralSecurityException e) {
				throw new IllegalStateException(e);
			}
		}
		return instance;
	}

	/** For a TLS server (HttpsServer) presenting the certificate. */
	public SSLContext serverContext() {
		try {
			KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			kmf.init(load(keyStore), PASSWORD.toCharArray());
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(kmf.getKeyManagers(), null, null);
			return context;
		}
		catch (IOException | GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** For a client trusting only this certificate. */
	public SSLContext clientContext() {
		try {
			KeyStore ts = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(trustStore)) {
				ts.load(in, PASSWORD.toCharArray());
			}
			TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			tmf.init(ts);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, tmf.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** PKCS12 file holding only the certificate, for {@code vetter.net.trust-store}. */
	public Path trustStore() {
		return trustStore;
	}

	public String password() {
		return PASSWORD;
	}

	private static KeyStore load(Path path) throws IOException, GeneralSecurityException {
		KeyStore ks = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(path)) {
			ks.load(in, PASSWORD.toCharArray());
		}
		return ks;
	}

	private static void keytool(String... args) throws IOException {
		List<String> command = new java.util.ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(args));
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String out = new String(p.getInputStream().readAllBytes());
			if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
				throw new IOException("keytool failed: " + out);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException(e);
		}
	}

}
