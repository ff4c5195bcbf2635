package dev.vetter.policy;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of an IMAGE library: the PDQ hash of an image (the image itself is not kept).
 *
 * @param hash 64 hex digits
 * @param quality PDQ quality 0..100
 * @param url where the image was fetched from (after redirects), for URL entries
 * @param filename the uploaded file's name, for uploads
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageEntry(long id, String hash, int quality, String url, String filename, Instant createdAt) {

	/** Prefix of the stored source of an uploaded image. */
	public static final String UPLOAD = "upload:";

	/** From the stored source: a URL, or {@value #UPLOAD} and the file name. */
	public static ImageEntry of(long id, String hash, int quality, String source, Instant createdAt) {
		boolean upload = source.startsWith(UPLOAD);
		return new ImageEntry(id, hash, quality, upload ? null : source,
				upload ? source.substring(UPLOAD.length()) : null, createdAt);
	}

}
