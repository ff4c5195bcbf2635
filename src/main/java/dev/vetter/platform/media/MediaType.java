package dev.vetter.platform.media;

/**
 * A file format recognised from its first bytes (see {@link MediaSniffer}), never from a
 * header or a file name.
 */
public enum MediaType {

	JPEG("image/jpeg", MediaKind.IMAGE), PNG("image/png", MediaKind.IMAGE), GIF("image/gif", MediaKind.IMAGE),
	BMP("image/bmp", MediaKind.IMAGE), WEBP("image/webp", MediaKind.IMAGE),

	MP4("video/mp4", MediaKind.VIDEO), MOV("video/quicktime", MediaKind.VIDEO), WEBM("video/webm", MediaKind.VIDEO),
	MKV("video/x-matroska", MediaKind.VIDEO), AVI("video/x-msvideo", MediaKind.VIDEO),
	FLV("video/x-flv", MediaKind.VIDEO), MPEG_TS("video/mp2t", MediaKind.VIDEO),

	MP3("audio/mpeg", MediaKind.AUDIO), WAV("audio/wav", MediaKind.AUDIO), OGG("audio/ogg", MediaKind.AUDIO),
	FLAC("audio/flac", MediaKind.AUDIO), AAC("audio/aac", MediaKind.AUDIO), M4A("audio/mp4", MediaKind.AUDIO),
	AMR("audio/amr", MediaKind.AUDIO);

	private final String mime;

	private final MediaKind kind;

	MediaType(String mime, MediaKind kind) {
		this.mime = mime;
		this.kind = kind;
	}

	public String mime() {
		return mime;
	}

	public MediaKind kind() {
		return kind;
	}

}
