package dev.vetter.platform.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Blobs as files under a root folder, {@code <root>/<xx>/<uuid>}. A blob is written to
 * {@code <root>/tmp/} first and moved into place in one atomic rename, so a reader never
 * sees half a blob and a crash leaves only a temp file (swept at start). Id-addressed
 * rather than content-addressed: each task owns its blob and retention deletes it without
 * reference counting.
 */
public final class LocalBlobStore implements BlobStore {

	private static final int BUFFER = 64 * 1024;

	private final Path root;

	private final Path tmp;

	public LocalBlobStore(Path root) {
		this.root = root.toAbsolutePath().normalize();
		this.tmp = this.root.resolve("tmp");
		try {
			Files.createDirectories(tmp);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot create blob folder " + tmp, e);
		}
		sweepTemp(Duration.ofHours(1));
	}

	public Path root() {
		return root;
	}

	@Override
	public StoredBlob put(InputStream content) throws IOException {
		BlobKey key = BlobKey.random();
		Path part = tmp.resolve(UUID.randomUUID() + ".part");
		MessageDigest sha = sha256();
		long size = 0;
		boolean kept = false;
		try {
			try (OutputStream out = Files.newOutputStream(part)) {
				byte[] buf = new byte[BUFFER];
				for (int n = content.read(buf); n >= 0; n = content.read(buf)) {
					sha.update(buf, 0, n);
					size += n;
					write(out, buf, n);
				}
			}
			Path target = path(key);
			try {
				Files.createDirectories(target.getParent());
				try {
					Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
				}
				catch (AtomicMoveNotSupportedException e) {
					Files.move(part, target);
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException("blob store cannot write " + key, e);
			}
			kept = true;
			return new StoredBlob(key, size, HexFormat.of().formatHex(sha.digest()));
		}
		finally {
			if (!kept) {
				Files.deleteIfExists(part);
			}
		}
	}

	private static void write(OutputStream out, byte[] buf, int n) {
		try {
			out.write(buf, 0, n);
		}
		catch (IOException e) {
			throw new UncheckedIOException("blob store cannot write", e);
		}
	}

	@Override
	public InputStream open(BlobKey key) {
		try {
			return Files.newInputStream(path(key));
		}
		catch (NoSuchFileException e) {
			throw new BlobMissing(key);
		}
		catch (IOException e) {
			throw new UncheckedIOException("blob store cannot read " + key, e);
		}
	}

	@Override
	public boolean exists(BlobKey key) {
		return Files.isRegularFile(path(key));
	}

	@Override
	public long size(BlobKey key) {
		try {
			return Files.size(path(key));
		}
		catch (NoSuchFileException e) {
			throw new BlobMissing(key);
		}
		catch (IOException e) {
			throw new UncheckedIOException("blob store cannot read " + key, e);
		}
	}

	@Override
	public boolean delete(BlobKey key) {
		try {
			return Files.deleteIfExists(path(key));
		}
		catch (IOException e) {
			throw new UncheckedIOException("blob store cannot delete " + key, e);
		}
	}

	/** Removes temp files older than {@code age} (left by a crash mid-write). */
	public int sweepTemp(Duration age) {
		Instant before = Instant.now().minus(age);
		int n = 0;
		try (DirectoryStream<Path> parts = Files.newDirectoryStream(tmp, "*.part")) {
			for (Path p : parts) {
				FileTime modified = Files.getLastModifiedTime(p);
				if (modified.toInstant().isBefore(before) && Files.deleteIfExists(p)) {
					n++;
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot sweep " + tmp, e);
		}
		return n;
	}

	private Path path(BlobKey key) {
		// BlobKey's form guarantees the path stays under root
		return root.resolve(key.value());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
