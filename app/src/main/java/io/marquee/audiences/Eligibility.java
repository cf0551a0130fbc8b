package io.marquee.audiences;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.privacy.ConsentRegistry;
import io.marquee.privacy.Suppressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Who may be a member of an audience, the one rule every membership read applies: a user who did not
 * withdraw {@code marketing} consent and whose id is not suppressed (an erased user has no profile row
 * either, but a suppression comes first, before the store forgets them).
 *
 * <p>The rule is a SQL condition the statement anti-joins: the ids of the users who withdrew (the
 * consent registry's explicit falses, usually few) and the suppression digests, matched as
 * {@code sha256(salt || id)}, each bound as one JSON array, so counting an audience moves no member
 * into Java. Each clause is left out when its list is empty. Once anyone is suppressed, each row the
 * rule selects is hashed: about 90 ms more for 100,000 members ({@code docs/benchmarks.md}), the price
 * of never holding the suppressed ids themselves. A snapshot is taken per statement, as the
 * per-row test it replaces read the registry at the moment of the read.
 */
final class Eligibility {
  /** The JSON array of strings bound as one parameter, as a table of one column. */
  private static final String LIST = "(SELECT unnest(from_json(?, '[\"VARCHAR\"]')))";

  private final ConsentRegistry consent;
  private final Suppressions suppressions;
  private final ObjectMapper json = new ObjectMapper();

  Eligibility(ConsentRegistry consent, Suppressions suppressions) {
    this.consent = consent;
    this.suppressions = suppressions;
  }

  /**
   * The condition that {@code column} (a non-null user id) may be a member, to follow a
   * {@code WHERE ...}: empty or {@code " AND ..."}, with the values of its placeholders in order.
   */
  Clause on(String column) {
    StringBuilder sql = new StringBuilder();
    List<Object> params = new ArrayList<>();
    Set<String> withdrawn = consent.withdrawn(AudiencesCapability.CATEGORY);
    if (!withdrawn.isEmpty()) {
      sql.append(" AND ").append(column).append(" NOT IN ").append(LIST);
      params.add(array(withdrawn));
    }
    Suppressions.Digests suppressed = suppressions.snapshot();
    if (!suppressed.digests().isEmpty()) {
      sql.append(" AND sha256(unhex(?) || encode(").append(column).append(")) NOT IN ").append(LIST);
      params.add(suppressed.saltHex());
      params.add(array(suppressed.digests()));
    }
    return new Clause(sql.toString(), params);
  }

  /** SQL text to append after a {@code WHERE} condition, and the values of its placeholders in order. */
  record Clause(String sql, List<Object> params) {
    Clause {
      params = List.copyOf(params);
    }
  }

  private String array(java.util.Collection<String> ids) {
    try {
      return json.writeValueAsString(ids);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings is always JSON", e);
    }
  }
}
