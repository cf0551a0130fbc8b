package io.marquee.access;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One API key as a data dir stores it and the control plane shares it: id, role, the SHA-256 of
 * the whole key string (never the key), when it was made and when revoked (null while active).
 */
public record ApiKeyEntry(String id, Role role, byte[] sha256, Instant created, Instant revoked) {
  public ApiKeyEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(created, "created");
    if (sha256 == null || sha256.length != 32) {
      throw new IllegalArgumentException("an API key entry needs a 32-byte SHA-256 digest");
    }
    sha256 = sha256.clone();
  }

  @Override
  public byte[] sha256() {
    return sha256.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiKeyEntry e && id.equals(e.id) && role == e.role && Arrays.equals(sha256, e.sha256)
        && created.equals(e.created) && Objects.equals(revoked, e.revoked);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, role, Arrays.hashCode(sha256), created, revoked);
  }

  @Override
  public String toString() {
    return "ApiKeyEntry[" + id + ", " + role.wireName() + ", sha256 " + HexFormat.of().formatHex(sha256, 0, 4)
        + "..., created " + created + ", revoked " + revoked + "]";
  }
}
