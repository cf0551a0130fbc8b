package io.marquee.audit;

/** What an audit entry records; {@link #wireName()} is what the log stores. */
public enum AuditAction {
  /** Personal data returned to an admin ({@code ?include=pii}). */
  PII_READ("pii.read"),
  /** An audience (or other data) exported. */
  EXPORT("export"),
  /** A user erased: data key destroyed, id suppressed. */
  ERASURE("erasure"),
  /** An API key created. */
  KEY_CREATE("key.create"),
  /** An API key revoked. */
  KEY_REVOKE("key.revoke"),
  /** The vault's data keys re-wrapped under a new master key. */
  MASTER_ROTATE("master.rotate"),
  /** Aggregates released outside with differential privacy (subject, epsilon, figures). */
  RELEASE("release");

  private final String wireName;

  AuditAction(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
