package dev.vetter.policy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.vetter.detection.DecodedImage;
import dev.vetter.detection.FrameSampling;
import dev.vetter.detection.ImageDecoder;
import dev.vetter.detection.ImageRejected;
import dev.vetter.detection.PdqHash;
import dev.vetter.detection.image.PdqHasher;
import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.ProblemCode;
import dev.vetter.platform.blob.BlobStore;
import dev.vetter.platform.media.FetchedMedia;
import dev.vetter.platform.media.MediaFetchFailed;
import dev.vetter.platform.media.MediaFetcher;
import dev.vetter.platform.media.MediaKind;
import dev.vetter.platform.media.MediaUploads;

/**
 * Takes images into IMAGE libraries: each URL is fetched through {@link MediaFetcher}
 * (SSRF rules, size cap, deadline, format sniffed from the bytes) or each upload taken
 * through {@link MediaUploads}, decoded within the image limits, PDQ-hashed, and only the
 * hash is kept (the bytes are deleted from the blob store at once). One bad image gets
 * its own error and the others are still added. At most
 * {@code vetter.policy.max-images-per-request} images a request, fetched two at a time.
 */
@Service
public class ImageLibraries implements DisposableBean {

	/** An image stored in a library (or found there already: {@code added} false). */
	public record Added(HashedImage image, long entryId, boolean added) {
	}

	/**
	 * What one request did.
	 *
	 * @param entries the images taken, in request order (each new or already present)
	 * @param errors the images that could not be taken
	 */
	public record Outcome(List<Added> entries, List<Failure> errors) {
	}

	/**
	 * An image that could not be taken.
	 *
	 * @param url the URL given, for URL entries
	 * @param filename the part's file name, for uploads
	 * @param code {@code download-failed}, {@code refused}, {@code timeout},
	 * {@code too-large}, {@code bad-format}, {@code low-quality} or {@code invalid-url}
	 * @param greenCode the Green task code of the same failure (480, 589, 590, 592; 400)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Failure(String url, String filename, String code, int greenCode, String message) {
	}

	/** An image that could not be hashed, with the failure's code. */
	public static final class NotHashable extends Exception {

		private final String code;

		private final int greenCode;

		NotHashable(String code, int greenCode, String message) {
			super(message);
			this.code = code;
			this.greenCode = greenCode;
		}

		public String code() {
			return code;
		}

		public int greenCode() {
			return greenCode;
		}

	}

	private static final int MAX_URL_LENGTH = 2048;

	private final MediaFetcher fetcher;

	private final MediaUploads uploads;

	private final BlobStore blobs;

	private final ImageDecoder decoder;

	private final PdqHasher pdq;

	private final PolicyAdministration admin;

	private final int maxPerRequest;

	private final int minQuality;

	private final ExecutorService pool;

	ImageLibraries(MediaFetcher fetcher, MediaUploads uploads, BlobStore blobs, ImageDecoder decoder, PdqHasher pdq,
			PolicyAdministration admin, PolicyProperties properties) {
		this.fetcher = fetcher;
		this.uploads = uploads;
		this.blobs = blobs;
		this.decoder = decoder;
		this.pdq = pdq;
		this.admin = admin;
		this.maxPerRequest = properties.maxImagesPerRequest();
		this.minQuality = properties.imageMinQuality();
		AtomicInteger n = new AtomicInteger();
		this.pool = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
			Thread t = new Thread(r, "image-library-intake-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
	}

	/** Fetches, hashes and adds the images at {@code urls}. */
	public Outcome addUrls(long tenantId, long libraryId, List<String> urls) {
		admin.imageLibrary(tenantId, libraryId);
		if (urls == null || urls.isEmpty()) {
			throw new InvalidInput("urls must be a non-empty array of http(s) URLs");
		}
		List<HashedImage> hashed = new ArrayList<>();
		List<Failure> errors = new ArrayList<>();
		for (Hashing h : hashAll(urls)) {
			if (h.image() != null) {
				hashed.add(h.image());
			}
			else {
				errors.add(new Failure(h.url(), null, h.failure().code(), h.failure().greenCode(),
						h.failure().getMessage()));
			}
		}
		return new Outcome(hashed.isEmpty() ? List.of() : admin.addImages(tenantId, libraryId, hashed), errors);
	}

	/** One URL's image hashed, or why not. */
	public record Hashing(String url, HashedImage image, NotHashable failure) {
	}

	/**
	 * Fetches and hashes every URL (two at a time), keeping only the hashes; results in
	 * order.
	 * @throws InvalidInput when there are more than
	 * {@code vetter.policy.max-images-per-request}
	 */
	public List<Hashing> hashAll(List<String> urls) {
		checkCount(urls.size());
		List<Future<HashedImage>> futures = new ArrayList<>(urls.size());
		for (String url : urls) {
			futures.add(pool.submit(() -> fromUrl(url)));
		}
		List<Hashing> out = new ArrayList<>(urls.size());
		for (int i = 0; i < urls.size(); i++) {
			try {
				out.add(new Hashing(urls.get(i), await(futures.get(i)), null));
			}
			catch (NotHashable e) {
				out.add(new Hashing(urls.get(i), null, e));
			}
		}
		return out;
	}

	/** Hashes and adds uploaded images (multipart parts). */
	public Outcome addUploads(long tenantId, long libraryId, List<MultipartFile> files) {
		admin.imageLibrary(tenantId, libraryId);
		List<MultipartFile> parts = files == null ? List.of() : files;
		if (parts.isEmpty()) {
			throw new InvalidInput("files: send at least one file part (multipart/form-data, field \"files\")");
		}
		checkCount(parts.size());
		List<HashedImage> hashed = new ArrayList<>();
		List<Failure> errors = new ArrayList<>();
		for (MultipartFile file : parts) {
			String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
			try {
				hashed.add(fromUpload(file));
			}
			catch (NotHashable e) {
				errors.add(new Failure(null, name, e.code(), e.greenCode(), e.getMessage()));
			}
		}
		return new Outcome(hashed.isEmpty() ? List.of() : admin.addImages(tenantId, libraryId, hashed), errors);
	}

	/**
	 * Fetches the image at {@code url} and hashes it, keeping nothing but the hash.
	 * @throws NotHashable with the reason
	 */
	public HashedImage fromUrl(String url) throws NotHashable {
		if (url == null || url.isBlank()) {
			throw new NotHashable("invalid-url", 400, "url is required");
		}
		if (url.length() > MAX_URL_LENGTH) {
			throw new NotHashable("invalid-url", 400, "url is at most " + MAX_URL_LENGTH + " characters");
		}
		FetchedMedia media;
		try {
			media = fetcher.fetch(url, MediaKind.IMAGE);
		}
		catch (MediaFetchFailed e) {
			throw failed(e);
		}
		return hash(media);
	}

	private HashedImage fromUpload(MultipartFile file) throws NotHashable {
		FetchedMedia media;
		try {
			media = uploads.store(file, MediaKind.IMAGE);
		}
		catch (MediaFetchFailed e) {
			throw failed(e);
		}
		return hash(media);
	}

	private HashedImage hash(FetchedMedia media) throws NotHashable {
		DecodedImage image;
		try (InputStream in = blobs.open(media.blob())) {
			image = decoder.decode(in.readAllBytes(), FrameSampling.FIRST_FRAME);
		}
		catch (ImageRejected e) {
			boolean tooLarge = e.reason() == ImageRejected.Reason.TOO_LARGE;
			throw new NotHashable(tooLarge ? "too-large" : "bad-format", tooLarge ? 589 : 590,
					(tooLarge ? "image too large: " : "bad image: ") + e.getMessage());
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException("stored image unreadable", e);
		}
		finally {
			// libraries keep hashes, never the images
			blobs.delete(media.blob());
		}
		PdqHash hash = pdq.detect(image.first());
		if (hash.quality() < minQuality) {
			throw new NotHashable("low-quality", 590, "the image has too little detail to match reliably (PDQ quality "
					+ hash.quality() + ", at least " + minQuality + " needed)");
		}
		return new HashedImage(hash, media.source(), media.sha256());
	}

	private void checkCount(int n) {
		if (n > maxPerRequest) {
			throw new InvalidInput(ProblemCode.TOO_LARGE, "at most " + maxPerRequest + " images per request");
		}
	}

	private static NotHashable failed(MediaFetchFailed e) {
		return new NotHashable(e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'), e.greenCode(),
				e.getMessage());
	}

	private static HashedImage await(Future<HashedImage> future) throws NotHashable {
		try {
			return future.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			future.cancel(true);
			throw new NotHashable("download-failed", 480, "interrupted");
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof NotHashable n) {
				throw n;
			}
			if (e.getCause() instanceof RuntimeException r) {
				throw r;
			}
			throw new IllegalStateException(e.getCause());
		}
	}

	@Override
	public void destroy() {
		pool.shutdownNow();
	}

}
