package io.marquee.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms for user ids that are e-mail addresses: {@code pid_} and the first 128 bits of
 * HMAC-SHA256 of the trimmed, lower-cased address, in hex. The HMAC key is derived from the vault's
 * entry-id key (itself stored only wrapped by the master key), so a pseudonym is stable for a data
 * dir, survives master-key rotation, and cannot be computed from an address without the master key.
 *
 * <p>The collector replaces e-mail-shaped {@code userId}, {@code anonymousId} and {@code previousId}
 * with it before anything is written; every API that takes a user id maps an address through
 * {@link #userId} the same way, so {@code /v1/profiles/alice@example.com} finds the pseudonymous user.
 */
public final class Pseudonyms {
  /** The prefix of every pseudonym. */
  public static final String PREFIX = "pid_";
  private static final byte[] DERIVATION = "marquee pseudonym key v1".getBytes(StandardCharsets.UTF_8);
  private final ThreadLocal<Mac> macs;

  Pseudonyms(byte[] entryIdKey) {
    byte[] key = hmac(entryIdKey, DERIVATION);
    SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
    Arrays.fill(key, (byte) 0);
    this.macs = ThreadLocal.withInitial(() -> mac(spec));
  }

  /** The pseudonym of an e-mail address. */
  String of(String email) {
    byte[] h = macs.get().doFinal(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    return PREFIX + HexFormat.of().formatHex(h, 0, 16);
  }

  /**
   * The id under which the node knows a user: the pseudonym of an e-mail-shaped id, else the id
   * itself. Without a vault an address maps to itself (the collector refuses such ids then, so
   * nothing is held under it).
   */
  public static String userId(KeyVault vault, String id) {
    if (id == null || vault == null || !PersonalData.isEmailShaped(id)) {
      return id;
    }
    return vault.pseudonym(id);
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    return mac(new SecretKeySpec(key, "HmacSHA256")).doFinal(data);
  }

  private static Mac mac(SecretKeySpec spec) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(spec);
      return m;
    } catch (GeneralSecurityException e) {
      throw new VaultException("HmacSHA256 is unavailable", e);
    }
  }
}
