/**
 * Content insights for internal marketing: which titles succeed, with whom, and what to promote or
 * make more of. Reports over {@code views}, {@code titles}, {@code profiles} and this package's
 * {@code title_actions}, served under {@code /v1/insights} to keys of role {@code analyst} or
 * above, as JSON or CSV. Every figure goes through {@link io.marquee.insights.SmallCells} before it
 * leaves the node. Definitions and their sources: {@code docs/insights.md}.
 */
package io.marquee.insights;
