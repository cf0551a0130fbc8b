/**
 * Audience exports for the ad platforms: Google Customer Match and Meta Custom Audiences CSV files
 * (normalised and SHA-256 hashed as each platform matches them, {@link io.marquee.adexport.AdFormat})
 * and plain user-id lists, written by {@link io.marquee.adexport.AudienceExport} under the export
 * rules (adults with an explicit opt-in, at least 100 members, audited, streamed and kept nowhere),
 * served by {@link io.marquee.adexport.ExportsCapability} and {@code marquee export audience}.
 */
package io.marquee.adexport;
