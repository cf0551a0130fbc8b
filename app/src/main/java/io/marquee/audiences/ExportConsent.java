package io.marquee.audiences;

import io.marquee.privacy.ConsentRegistry;

/**
 * The consent rule for members sent off the platform (ad-platform exports, partner files), offered
 * by the audiences capability as a node service: with {@code audiences.export-requires-opt-in=true}
 * (the default) a user counts only after explicitly allowing the category ({@code marketing} for ad
 * platforms, {@code data_sharing} for partners); with false, a user who never chose counts, as inside
 * the platform. A withdrawal always excludes. The rule is in {@code THREAT_MODEL.md}.
 */
public final class ExportConsent {
  private final ConsentRegistry consent;
  private final boolean requireOptIn;

  public ExportConsent(ConsentRegistry consent, boolean requireOptIn) {
    this.consent = consent;
    this.requireOptIn = requireOptIn;
  }

  /** Whether an explicit opt-in is required (the setting). */
  public boolean requiresOptIn() {
    return requireOptIn;
  }

  /** Whether the user's data may leave the platform for {@code category} under this rule. */
  public boolean allows(String userId, String category) {
    return requireOptIn ? consent.optedIn(userId, category) : consent.allows(userId, category);
  }
}
