package dev.vetter.platform.media;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Recognises a file format from its first bytes ("magic numbers"). What a server's
 * {@code Content-Type} or an upload's file name claims is never used.
 */
public final class MediaSniffer {

	/**
	 * Bytes to read before sniffing; enough for every format here (MPEG-TS needs 189).
	 */
	public static final int HEAD = 512;

	private MediaSniffer() {
	}

	public static Optional<MediaType> sniff(byte[] b) {
		return Optional.ofNullable(type(b, b.length));
	}

	public static Optional<MediaType> sniff(byte[] b, int length) {
		return Optional.ofNullable(type(b, Math.min(length, b.length)));
	}

	private static MediaType type(byte[] b, int n) {
		if (starts(b, n, 0xFF, 0xD8, 0xFF)) {
			return MediaType.JPEG;
		}
		if (starts(b, n, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
			return MediaType.PNG;
		}
		if (ascii(b, n, 0, "GIF87a") || ascii(b, n, 0, "GIF89a")) {
			return MediaType.GIF;
		}
		if (ascii(b, n, 0, "BM") && n >= 18) {
			int dib = u8(b, 14) | u8(b, 15) << 8 | u8(b, 16) << 16 | u8(b, 17) << 24;
			if (dib == 12 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 || dib == 124) {
				return MediaType.BMP;
			}
		}
		if (ascii(b, n, 0, "RIFF") && n >= 12) {
			if (ascii(b, n, 8, "WEBP")) {
				return MediaType.WEBP;
			}
			if (ascii(b, n, 8, "WAVE")) {
				return MediaType.WAV;
			}
			if (ascii(b, n, 8, "AVI ")) {
				return MediaType.AVI;
			}
			return null;
		}
		if (ascii(b, n, 4, "ftyp") && n >= 12) {
			String brand = new String(b, 8, 4, StandardCharsets.ISO_8859_1);
			return switch (brand) {
				case "qt  " -> MediaType.MOV;
				case "M4A ", "M4B ", "M4P " -> MediaType.M4A;
				default -> MediaType.MP4;
			};
		}
		if (starts(b, n, 0x1A, 0x45, 0xDF, 0xA3)) {
			// EBML: the DocType tells WebM from Matroska
			return contains(b, n, "webm") ? MediaType.WEBM : MediaType.MKV;
		}
		if (ascii(b, n, 0, "FLV") && n > 3 && b[3] == 1) {
			return MediaType.FLV;
		}
		if (ascii(b, n, 0, "OggS")) {
			return MediaType.OGG;
		}
		if (ascii(b, n, 0, "fLaC")) {
			return MediaType.FLAC;
		}
		if (ascii(b, n, 0, "#!AMR")) {
			return MediaType.AMR;
		}
		if (ascii(b, n, 0, "ID3")) {
			return MediaType.MP3;
		}
		if (n >= 189 && u8(b, 0) == 0x47 && u8(b, 188) == 0x47) {
			return MediaType.MPEG_TS;
		}
		if (n >= 2 && u8(b, 0) == 0xFF && (u8(b, 1) & 0xE0) == 0xE0) {
			int version = (u8(b, 1) >> 3) & 0x3;
			int layer = (u8(b, 1) >> 1) & 0x3;
			if (layer == 0 && (u8(b, 1) & 0xF6) == 0xF0) {
				return MediaType.AAC; // ADTS: sync 0xFFF, layer 00
			}
			if (layer == 1 && version != 1 && n >= 3 && (u8(b, 2) >> 4) != 0xF && ((u8(b, 2) >> 2) & 0x3) != 3) {
				return MediaType.MP3; // MPEG audio layer III frame, valid bitrate and
										// rate
			}
		}
		return null;
	}

	private static int u8(byte[] b, int i) {
		return b[i] & 0xff;
	}

	private static boolean starts(byte[] b, int n, int... magic) {
		if (n < magic.length) {
			return false;
		}
		for (int i = 0; i < magic.length; i++) {
			if (u8(b, i) != magic[i]) {
				return false;
			}
		}
		return true;
	}

	private static boolean ascii(byte[] b, int n, int at, String s) {
		if (n < at + s.length()) {
			return false;
		}
		for (int i = 0; i < s.length(); i++) {
			if (b[at + i] != s.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private static boolean contains(byte[] b, int n, String s) {
		for (int i = 0; i + s.length() <= Math.min(n, 64); i++) {
			if (ascii(b, n, i, s)) {
				return true;
			}
		}
		return false;
	}

}
