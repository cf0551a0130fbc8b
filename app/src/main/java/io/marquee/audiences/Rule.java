package io.marquee.audiences;

import java.util.List;

/**
 * A compiled audience rule: a condition on {@code p.user_id} (a row of {@code profiles p}) in SQL
 * with {@code ?} placeholders, and the values bound to them in order. No input is ever part of the
 * SQL text.
 *
 * @param condition a boolean SQL expression over {@code p}
 * @param params the values of its placeholders, in order
 */
record Rule(String condition, List<Object> params) {
  Rule {
    params = List.copyOf(params);
  }

  /** The statement selecting the members' user ids and the dimensions of their composition. */
  String select() {
    return "SELECT p.user_id, p.age_bracket, p.gender, p.country FROM profiles p WHERE p.user_id IS NOT NULL AND ("
        + condition + ")";
  }
}
