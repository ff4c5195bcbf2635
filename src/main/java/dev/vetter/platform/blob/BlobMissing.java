package dev.vetter.platform.blob;

import dev.vetter.platform.NotFound;

/** A blob key names no blob (deleted by retention, or never written). */
public class BlobMissing extends NotFound {

	public BlobMissing(BlobKey key) {
		super("blob " + key);
	}

}
