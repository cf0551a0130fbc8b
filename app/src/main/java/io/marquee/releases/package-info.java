/**
 * Aggregates shared outside with differential privacy: {@link io.marquee.releases.ReleasesCapability}
 * serves {@code POST /v1/releases}; {@link io.marquee.releases.Releaser} makes a release (bounded
 * contributions, exact discrete Laplace noise from {@link io.marquee.releases.ExactNoise}, clamping and
 * small-cell suppression after the noise); {@link io.marquee.releases.BudgetLedger} keeps each
 * title's and audience's privacy budget in the data dir. Mechanism and guarantees: {@code docs/privacy.md}.
 */
package io.marquee.releases;
