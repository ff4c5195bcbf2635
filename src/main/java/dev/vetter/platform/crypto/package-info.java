/**
 * Secrets at rest: one AES-256-GCM cipher
 * ({@link dev.vetter.platform.crypto.SecretCipher}) under one master key, used by every
 * module that keeps a secret it must read back (access-key secrets, callback seeds).
 */
package dev.vetter.platform.crypto;
