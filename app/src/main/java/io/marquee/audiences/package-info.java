/**
 * Audiences for external marketing: saved rule trees over profiles, behaviour, ratings, partner
 * attributes and other audiences, their membership kept current under the consent rules, and the
 * {@link io.marquee.audiences.AudienceMembers} service through which exports and releases read them.
 * Grammar and rules: {@code docs/audiences.md}.
 *
 * <p>Entry points: {@link io.marquee.audiences.AudiencesCapability} (routes, tables, schedule, the
 * services it offers); {@code RuleCompiler} (the grammar, validated and compiled to one parameterised
 * SQL condition); {@code Audiences} (saved audiences, membership, history; implements
 * {@code AudienceMembers}); {@code Eligibility} (who may be a member: the one consent and suppression
 * condition every membership statement anti-joins); {@code AudiencesApi} (the {@code /v1/audiences} routes);
 * {@code ForTitle} ({@code POST /v1/audiences/for-title/{assetId}}: who to market a title to);
 * {@code LookalikeApi} ({@code POST /v1/audiences/{id}/lookalike}: the users of a country most like a
 * seed audience, scored by {@code LookalikeScorer}, read by {@code LookalikeFinder});
 * {@link io.marquee.audiences.ExportConsent} (the opt-in rule for what leaves the platform).
 */
package io.marquee.audiences;
