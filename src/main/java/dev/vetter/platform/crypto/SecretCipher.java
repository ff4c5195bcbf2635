package dev.vetter.platform.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Protects secrets at rest that must be read back (access-key secrets for the HMAC check,
 * callback seeds for signing) with AES-256-GCM; a hash will not do for those. The master
 * key comes from {@code vetter.security.master-key} (Base64 of 32 bytes) or, when that is
 * unset, from {@code vetter.security.master-key-file}, created with owner-only
 * permissions on first start.
 * <p>
 * Stored form: 12-byte random IV followed by the ciphertext and its 16-byte tag.
 * <em>Associated data</em> (for example the owning row's id) binds a ciphertext to its
 * row: copied to another row it no longer decrypts.
 */
@Component
public class SecretCipher {

	private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	public SecretCipher(CryptoProperties properties) {
		this.key = new SecretKeySpec(loadKey(properties), "AES");
	}

	private static byte[] loadKey(CryptoProperties properties) {
		String configured = properties.masterKey();
		if (configured != null && !configured.isBlank()) {
			return checkLength(Base64.getDecoder().decode(configured.trim()));
		}
		Path file = Path.of(properties.masterKeyFile());
		try {
			if (Files.exists(file)) {
				return checkLength(Base64.getDecoder().decode(Files.readString(file).trim()));
			}
			byte[] fresh = new byte[32];
			RANDOM.nextBytes(fresh);
			if (file.toAbsolutePath().getParent() != null) {
				Files.createDirectories(file.toAbsolutePath().getParent());
			}
			Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ignored) {
				// not a POSIX file system
			}
			log.info("Created a new master key in {}; back it up with the database", file.toAbsolutePath());
			return fresh;
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read or create the master key file " + file, e);
		}
	}

	private static byte[] checkLength(byte[] key) {
		if (key.length != 32) {
			throw new IllegalStateException("the master key must be 32 bytes (Base64), got " + key.length);
		}
		return key;
	}

	/** Encrypts without associated data (the access-key secrets' stored form). */
	public byte[] encrypt(String secret) {
		return encrypt(secret, "");
	}

	public String decrypt(byte[] stored) {
		return decrypt(stored, "");
	}

	/**
	 * @param associatedData authenticated, not stored: the same value must be given to
	 * {@link #decrypt(byte[], String)}
	 */
	public byte[] encrypt(String secret, String associatedData) {
		try {
			byte[] iv = new byte[12];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			byte[] ct = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[iv.length + ct.length];
			System.arraycopy(iv, 0, out, 0, iv.length);
			System.arraycopy(ct, 0, out, iv.length, ct.length);
			return out;
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("cannot encrypt", e);
		}
	}

	/**
	 * @throws IllegalStateException when the master key or the associated data is not the
	 * one it was encrypted with, or the stored bytes were changed
	 */
	public String decrypt(byte[] stored, String associatedData) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, 0, 12));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(stored, 12, stored.length - 12), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("cannot decrypt a stored secret: wrong master key or associated data?", e);
		}
	}

}
