package dev.vetter.callbacks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * The {@code checksum} form field of a callback: lowercase hex of SHA-256 (or SM3) over
 * the UTF-8 bytes of {@code uid + seed + content}, plain string concatenation, no HMAC
 * (what every Alibaba client verifies).
 */
public final class Checksum {

	private Checksum() {
	}

	public static String of(CryptType type, long uid, String seed, String content) {
		return hex(type, (uid + seed + content).getBytes(StandardCharsets.UTF_8));
	}

	public static String hex(CryptType type, byte[] input) {
		return HexFormat.of().formatHex(switch (type) {
			case SHA256 -> sha256(input);
			case SM3 -> sm3(input);
		});
	}

	private static byte[] sha256(byte[] input) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(input);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static byte[] sm3(byte[] input) {
		SM3Digest digest = new SM3Digest();
		digest.update(input, 0, input.length);
		byte[] out = new byte[digest.getDigestSize()];
		digest.doFinal(out, 0);
		return out;
	}

}
