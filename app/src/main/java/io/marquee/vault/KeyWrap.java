package io.marquee.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Wrapping of the vault's keys by the master key. A data key is wrapped with associated data
 * {@code "marquee-vault/dek\0" + entryId}, so a wrapped key copied to another user's line fails
 * to unwrap; the entry-id key with {@code "marquee-vault/index"}. Raw key bytes are zeroed as
 * soon as Tink has its copy.
 */
final class KeyWrap {
  static final int KEY_BYTES = 32;
  static final byte[] INDEX_CONTEXT = "marquee-vault/index".getBytes(StandardCharsets.UTF_8);

  private KeyWrap() {}

  static byte[] dataKeyContext(String entryId) {
    return ("marquee-vault/dek\0" + entryId).getBytes(StandardCharsets.UTF_8);
  }

  /** The AES-256-GCM primitive of a wrapped data key. */
  static Aead unwrapDataKey(MasterKey master, String entryId, byte[] wrapped) {
    byte[] raw = master.unwrap(wrapped, dataKeyContext(entryId));
    try {
      return aead(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** The same data key wrapped by another master key. */
  static byte[] rewrap(MasterKey from, MasterKey to, String entryId, byte[] wrapped) {
    byte[] ctx = dataKeyContext(entryId);
    byte[] raw = from.unwrap(wrapped, ctx);
    try {
      return to.wrap(raw, ctx);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  static Aead aead(byte[] raw) {
    try {
      return new AesGcmJce(raw);
    } catch (GeneralSecurityException e) {
      throw new VaultException("a data key is not an AES-256 key", e);
    }
  }
}
