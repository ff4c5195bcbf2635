package dev.vetter.platform.blob;

import java.io.InputStream;

import org.springframework.core.io.AbstractResource;

/**
 * A blob as a Spring {@link org.springframework.core.io.Resource} of known length that
 * can be opened more than once, so a controller returning it answers {@code Range}
 * requests (206 with the byte range, as Spring MVC does for any such resource): video and
 * audio players seek without downloading the whole file.
 */
public final class BlobResource extends AbstractResource {

	private final BlobStore store;

	private final BlobKey key;

	private final long size;

	/**
	 * @throws BlobMissing when there is no such blob
	 */
	public BlobResource(BlobStore store, BlobKey key) {
		this.store = store;
		this.key = key;
		this.size = store.size(key);
	}

	@Override
	public InputStream getInputStream() {
		return store.open(key);
	}

	@Override
	public long contentLength() {
		return size;
	}

	@Override
	public boolean exists() {
		return store.exists(key);
	}

	@Override
	public String getDescription() {
		return "blob " + key;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof BlobResource r && r.key.equals(key) && r.store == store;
	}

	@Override
	public int hashCode() {
		return key.hashCode();
	}

}
