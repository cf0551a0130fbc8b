package io.marquee.vault;

import com.google.crypto.tink.Aead;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The format of one encrypted field: a version byte (1), then Tink's AES-GCM output (12-byte
 * random nonce, ciphertext, 16-byte tag), 29 bytes over the plaintext. The associated data is
 * {@code "marquee-vault/field\0"}, the user id's UTF-8 length as 4 bytes, the user id, the field
 * name: a ciphertext moved to another user or field fails, and no two pairs share one.
 */
final class FieldCipher {
  static final int OVERHEAD = 1 + 12 + 16;
  private static final byte VERSION = 1;
  private static final byte[] CONTEXT = "marquee-vault/field\0".getBytes(StandardCharsets.UTF_8);

  private FieldCipher() {}

  static byte[] seal(Aead key, String userId, String field, byte[] plaintext) {
    try {
      byte[] ct = key.encrypt(plaintext, associatedData(userId, field));
      byte[] out = new byte[ct.length + 1];
      out[0] = VERSION;
      System.arraycopy(ct, 0, out, 1, ct.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new VaultException("cannot encrypt field " + field, e);
    }
  }

  static void checkFormat(byte[] ciphertext) {
    if (ciphertext == null || ciphertext.length < OVERHEAD || ciphertext[0] != VERSION) {
      throw new VaultException("not a vault ciphertext (unknown version or too short)");
    }
  }

  static byte[] open(Aead key, String userId, String field, byte[] ciphertext) {
    try {
      return key.decrypt(Arrays.copyOfRange(ciphertext, 1, ciphertext.length),
          associatedData(userId, field));
    } catch (GeneralSecurityException e) {
      throw new VaultException("the ciphertext does not belong to this user and field, or was altered");
    }
  }

  static byte[] associatedData(String userId, String field) {
    if (field == null || field.isEmpty()) {
      throw new IllegalArgumentException("a field must not be empty");
    }
    byte[] u = userId.getBytes(StandardCharsets.UTF_8);
    byte[] f = field.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(CONTEXT.length + 4 + u.length + f.length)
        .put(CONTEXT).putInt(u.length).put(u).put(f).array();
  }
}
