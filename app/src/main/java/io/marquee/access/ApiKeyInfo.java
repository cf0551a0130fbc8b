package io.marquee.access;

import java.time.Instant;

/**
 * What is known about an API key apart from its secret.
 *
 * @param revoked when it was revoked, or null while it is active
 */
public record ApiKeyInfo(String id, Role role, Instant created, Instant revoked) {
  public boolean active() {
    return revoked == null;
  }
}
