/**
 * Audiences for external marketing: saved rule trees over profiles, behaviour, ratings, partner
 * attributes and predicted affinity, their membership kept current under the consent rules, and the
 * {@link io.marquee.audiences.AudienceMembers} service through which exports and releases read them.
 * Grammar and rules: {@code docs/audiences.md}.
 */
package io.marquee.audiences;
