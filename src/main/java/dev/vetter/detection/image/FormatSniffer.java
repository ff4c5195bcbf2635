package dev.vetter.detection.image;

import dev.vetter.detection.ImageFormat;

/** The format of image bytes from their magic numbers. */
final class FormatSniffer {

	private FormatSniffer() {
	}

	/** The format, or {@code null} when the bytes start like none we read. */
	static ImageFormat sniff(byte[] b) {
		if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
			return ImageFormat.JPEG;
		}
		if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
			return ImageFormat.PNG;
		}
		if (startsWith(b, 0, 'G', 'I', 'F', '8', '7', 'a') || startsWith(b, 0, 'G', 'I', 'F', '8', '9', 'a')) {
			return ImageFormat.GIF;
		}
		if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
			return ImageFormat.WEBP;
		}
		// "BM", then a file size and two reserved words; the DIB header size (12, 40, 52,
		// 56,
		// 64, 108 or 124) keeps text starting with "BM" from being taken for a bitmap
		if (startsWith(b, 0, 'B', 'M') && b.length >= 18) {
			int dib = (b[14] & 0xff) | (b[15] & 0xff) << 8 | (b[16] & 0xff) << 16 | (b[17] & 0xff) << 24;
			if (dib == 12 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 || dib == 124) {
				return ImageFormat.BMP;
			}
		}
		return null;
	}

	private static boolean startsWith(byte[] b, int offset, int... magic) {
		if (b.length < offset + magic.length) {
			return false;
		}
		for (int i = 0; i < magic.length; i++) {
			if ((b[offset + i] & 0xff) != magic[i]) {
				return false;
			}
		}
		return true;
	}

}
