package dev.vetter.detection.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vetter.detection.MediaFailure;
import dev.vetter.detection.MediaRejected;

/**
 * Finds the Vosk model folder. A configured folder wins; otherwise the English model the
 * build unzipped into the classes under {@value #PREFIX} (listed in its {@code FILES}) is
 * used in place when the classes are a folder ({@code mvn spring-boot:run}, tests), and
 * extracted once into the cache folder when they are inside a jar ({@code java -jar}). An
 * extracted copy is reused only when its marker names the same file list and sizes and
 * its content hash still matches; otherwise it is extracted again (into a temporary
 * folder first, then moved into place, so a crash mid-way never leaves a half model that
 * looks whole).
 */
final class VoskModelStore {

	static final String PREFIX = "models/vosk-model-en-us/";

	static final String MARKER = ".vetter-model";

	private static final Logger log = LoggerFactory.getLogger(VoskModelStore.class);

	private final ClassLoader classLoader;

	VoskModelStore(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	/** a configured model folder: it must look like a Vosk model */
	static Path configured(Path folder) {
		if (!Files.isRegularFile(folder.resolve("am/final.mdl"))
				&& !Files.isRegularFile(folder.resolve("conf/model.conf"))) {
			throw new MediaRejected(MediaFailure.ALGO_FAILED,
					"the configured speech model folder is not a Vosk model (no am/final.mdl or conf/model.conf)");
		}
		return folder;
	}

	/**
	 * the bundled model, in place when the classes are a folder, else extracted under
	 * {@code cacheRoot}
	 */
	Path bundled(Path cacheRoot) {
		URL index = index();
		if ("file".equals(index.getProtocol())) {
			try {
				return Path.of(index.toURI()).getParent();
			}
			catch (URISyntaxException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return extract(cacheRoot);
	}

	/**
	 * the bundled model extracted under {@code cacheRoot}, reusing a verified earlier
	 * copy
	 */
	Path extract(Path cacheRoot) {
		List<Entry> entries = entries();
		String key = key(entries);
		Path target = cacheRoot.resolve("vosk-model-en-us-" + key.substring(0, 16));
		try {
			if (verified(target, key, entries)) {
				return target;
			}
			Files.createDirectories(cacheRoot);
			Path temporary = Files.createTempDirectory(cacheRoot, target.getFileName() + ".tmp-");
			try {
				String contentHash = copy(entries, temporary);
				Files.writeString(temporary.resolve(MARKER), key + "\n" + contentHash + "\n");
				if (Files.exists(target)) {
					deleteTree(target);
				}
				try {
					Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
				}
				catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException ex) {
					// another process got there first
					if (!verified(target, key, entries)) {
						throw ex;
					}
				}
				log.info("extracted the bundled speech model to {}", target);
				return target;
			}
			finally {
				if (Files.exists(temporary)) {
					deleteTree(temporary);
				}
			}
		}
		catch (IOException ex) {
			throw new MediaRejected(MediaFailure.ALGO_FAILED, "could not extract the speech model", ex);
		}
	}

	private URL index() {
		URL index = classLoader.getResource(PREFIX + "FILES");
		if (index == null) {
			throw new MediaRejected(MediaFailure.ALGO_FAILED,
					"the bundled speech model is missing from the classpath (build with Maven, which unpacks it)");
		}
		return index;
	}

	private List<Entry> entries() {
		try (InputStream in = index().openStream()) {
			List<Entry> entries = new ArrayList<>();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
				String path = line.strip();
				if (path.isEmpty()) {
					continue;
				}
				if (path.startsWith("/") || path.contains("..") || path.contains("\\")) {
					throw new IllegalStateException("unexpected model file name: " + path);
				}
				URL url = classLoader.getResource(PREFIX + path);
				if (url == null) {
					throw new MediaRejected(MediaFailure.ALGO_FAILED, "the bundled speech model lacks " + path);
				}
				entries.add(new Entry(path, url, sizeOf(url)));
			}
			return entries;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** the resource's length, counted when the connection does not say */
	private static long sizeOf(URL url) throws IOException {
		URLConnection connection = url.openConnection();
		connection.setUseCaches(false);
		long size = connection.getContentLengthLong();
		if (size >= 0) {
			return size;
		}
		try (InputStream in = connection.getInputStream()) {
			return in.transferTo(OutputStream.nullOutputStream());
		}
	}

	/** names the file list and sizes */
	private static String key(List<Entry> entries) {
		MessageDigest digest = sha256();
		for (Entry entry : entries) {
			digest.update((entry.path() + "\0" + entry.size() + "\n").getBytes(StandardCharsets.UTF_8));
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static boolean verified(Path target, String key, List<Entry> entries) throws IOException {
		Path marker = target.resolve(MARKER);
		if (!Files.isRegularFile(marker)) {
			return false;
		}
		List<String> lines = Files.readAllLines(marker);
		if (lines.size() < 2 || !lines.get(0).equals(key)) {
			return false;
		}
		MessageDigest digest = sha256();
		for (Entry entry : entries) {
			Path file = target.resolve(entry.path());
			if (!Files.isRegularFile(file) || Files.size(file) != entry.size()) {
				return false;
			}
			try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
				in.transferTo(OutputStream.nullOutputStream());
			}
		}
		boolean same = HexFormat.of().formatHex(digest.digest()).equals(lines.get(1));
		if (!same) {
			log.warn("the extracted speech model in {} was changed; extracting it again", target);
		}
		return same;
	}

	private static String copy(List<Entry> entries, Path into) throws IOException {
		MessageDigest digest = sha256();
		for (Entry entry : entries) {
			Path file = into.resolve(entry.path());
			Files.createDirectories(file.getParent());
			try (InputStream in = new DigestInputStream(entry.url().openStream(), digest)) {
				long copied = Files.copy(in, file);
				if (copied != entry.size()) {
					throw new IOException(
							"model file " + entry.path() + " has " + copied + " bytes, expected " + entry.size());
				}
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static void deleteTree(Path root) throws IOException {
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Entry(String path, URL url, long size) {
	}

}
