package io.marquee.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The names of users in the vault's key file: the first 128 bits of HMAC-SHA256 of the user id,
 * Base64url. The HMAC key lives only wrapped by the master key, so the file cannot be searched for
 * a known user id without it.
 */
final class EntryIds {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final ThreadLocal<Mac> macs;

  EntryIds(byte[] key) {
    SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
    this.macs = ThreadLocal.withInitial(() -> {
      try {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(spec);
        return m;
      } catch (GeneralSecurityException e) {
        throw new VaultException("HmacSHA256 is unavailable", e);
      }
    });
  }

  String of(String userId) {
    byte[] h = macs.get().doFinal(userId.getBytes(StandardCharsets.UTF_8));
    return B64.encodeToString(Arrays.copyOf(h, 16));
  }
}
