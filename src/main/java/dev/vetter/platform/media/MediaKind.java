package dev.vetter.platform.media;

/** What a fetched or uploaded file must be; each kind has its own limits and formats. */
public enum MediaKind {

	IMAGE, VIDEO, AUDIO;

	/** Whether a sniffed type is acceptable for this kind. */
	public boolean allows(MediaType type) {
		return type.kind() == this || (this == AUDIO && type.kind() == VIDEO);
	}

}
