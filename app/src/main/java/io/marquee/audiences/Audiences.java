package io.marquee.audiences;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.recommend.Affinities;
import io.marquee.store.Store;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The saved audiences and their membership: creating one (validated, computed at once), computing
 * and recomputing membership (adds and drops per day in {@code audience_history}), and reading the
 * current members under the consent rules.
 *
 * <p>Who may be a member is decided twice: when membership is computed and again at every read
 * ({@link #current}, {@link #members}, {@link #cells}), by one rule ({@link Eligibility}: marketing
 * consent not withdrawn, not suppressed) that each statement anti-joins, so a withdrawal leaves every
 * audience at once, before the next recomputation, and a count moves no member into Java.
 * Erased users lose their membership rows in the erasure transaction ({@link AudiencesProjection}).
 */
final class Audiences implements AudienceMembers {
  private static final SecureRandom IDS = new SecureRandom();

  private final Store store;
  private final ObjectMapper json;
  private final Clock clock;
  private final Eligibility eligible;
  private final Affinities affinities;
  private volatile Lookalikes lookalikes; // set once at wiring: the finder reads this class back

  /** A member with the dimensions of an audience's composition (each possibly null). */
  record Member(String userId, String ageBracket, String gender, String country) {}

  /** The number of members sharing one value of each dimension of the composition (each possibly null). */
  record Cell(String ageBracket, String gender, String country, long users) {}

  /** A saved audience. */
  record Saved(String id, String name, JsonNode rule, Instant createdAt, Instant computedAt) {}

  /** One day of an audience's size history. */
  record Day(String day, long size, long adds, long drops) {}

  Audiences(Store store, ObjectMapper json, Clock clock, Eligibility eligible) {
    this(store, json, clock, eligible, null);
  }

  /** With {@code affinities} (null: none) for the {@code predicted_affinity} leaf. */
  Audiences(Store store, ObjectMapper json, Clock clock, Eligibility eligible, Affinities affinities) {
    this.store = store;
    this.json = json;
    this.clock = clock;
    this.eligible = eligible;
    this.affinities = affinities;
  }

  /** Where the {@code lookalike} node reads its selections (null: such a node is refused). */
  void lookalikes(Lookalikes source) {
    this.lookalikes = source;
  }

  Clock clock() {
    return clock;
  }

  /** Compiles {@code rule} against the saved audiences ({@link RuleCompiler}); {@code self} may be null. */
  Rule compile(JsonNode rule, String self) {
    return RuleCompiler.compile(rule, clock.instant(), id -> {
      try {
        return find(id).map(Saved::rule);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read audience " + id, e);
      }
    }, affinities, lookalikes, self);
  }

  /** The users the rule selects now who may be members, in no particular order. */
  List<Member> evaluate(Rule rule) throws SQLException {
    Eligibility.Clause may = eligible.on("p.user_id");
    try (Connection c = store.readConnection(); PreparedStatement p = c.prepareStatement(rule.select() + may.sql())) {
      bind(p, 1, rule.params());
      bind(p, 1 + rule.params().size(), may.params());
      return members(p);
    }
  }

  /**
   * The composition of the users the rule selects now who may be members, counted in the store: one
   * cell per combination of age bracket, gender and country that has members (the size is their sum).
   */
  List<Cell> cells(Rule rule) throws SQLException {
    Eligibility.Clause may = eligible.on("p.user_id");
    List<Cell> out = new ArrayList<>();
    try (Connection c = store.readConnection(); PreparedStatement p = c.prepareStatement(
        "SELECT p.age_bracket, p.gender, p.country, count(*) FROM profiles p WHERE p.user_id IS NOT NULL AND ("
            + rule.condition() + ")" + may.sql() + " GROUP BY ALL")) {
      bind(p, 1, rule.params());
      bind(p, 1 + rule.params().size(), may.params());
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new Cell(r.getString(1), r.getString(2), r.getString(3), r.getLong(4)));
        }
      }
    }
    return out;
  }

  private static void bind(PreparedStatement p, int first, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      p.setObject(first + i, params.get(i));
    }
  }

  private List<Member> members(PreparedStatement p) throws SQLException {
    List<Member> out = new ArrayList<>();
    try (ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(new Member(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
      }
    }
    return out;
  }

  /** Saves a new audience and computes its membership; a bad rule throws {@link RuleException}. */
  synchronized Saved create(String name, JsonNode rule) throws SQLException {
    byte[] b = new byte[8];
    IDS.nextBytes(b);
    String id = "aud_" + HexFormat.of().formatHex(b);
    compile(rule, id);
    String text;
    try {
      text = json.writeValueAsString(rule);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
    long now = clock.millis();
    store.write(c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO audiences VALUES (?, ?, ?, ?, NULL)")) {
        p.setString(1, id);
        p.setString(2, name);
        p.setString(3, text);
        p.setLong(4, now);
        p.executeUpdate();
      }
      return null;
    });
    compute(id);
    return find(id).orElseThrow();
  }

  /** Recomputes every saved audience (the schedule); one that fails is left as it was and reported. */
  void computeAll() throws SQLException {
    List<String> failed = new ArrayList<>();
    for (Saved s : list()) {
      try {
        compute(s.id());
      } catch (RuntimeException | SQLException e) {
        failed.add(s.id() + ": " + e.getMessage());
      }
    }
    if (!failed.isEmpty()) {
      throw new SQLException("audiences not recomputed: " + failed);
    }
  }

  /** Recomputes one audience's membership and today's history row; false when there is no such audience. */
  synchronized boolean compute(String id) throws SQLException {
    Optional<Saved> saved = find(id);
    if (saved.isEmpty()) {
      return false;
    }
    List<Member> now = evaluate(compile(saved.get().rule(), id));
    Instant at = clock.instant();
    String day = LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    store.write(c -> {
      Set<String> old = new HashSet<>();
      try (PreparedStatement p = c.prepareStatement("SELECT user_id FROM audience_members WHERE audience_id = ?")) {
        p.setString(1, id);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            old.add(r.getString(1));
          }
        }
      }
      long adds = 0;
      Set<String> fresh = new HashSet<>();
      for (Member m : now) {
        fresh.add(m.userId());
        if (!old.contains(m.userId())) {
          adds++;
        }
      }
      long drops = old.stream().filter(u -> !fresh.contains(u)).count();
      update(c, "DELETE FROM audience_members WHERE audience_id = ?", id);
      try (DuckDBAppender a = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "audience_members")) {
        for (Member m : now) {
          a.beginRow();
          a.append(id);
          a.append(m.userId());
          a.endRow();
        }
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO audience_history VALUES (?, ?, ?, ?, ?) "
          + "ON CONFLICT (audience_id, day) DO UPDATE SET size = excluded.size, adds = audience_history.adds + excluded.adds, "
          + "drops = audience_history.drops + excluded.drops")) {
        p.setString(1, id);
        p.setString(2, day);
        p.setLong(3, now.size());
        p.setLong(4, adds);
        p.setLong(5, drops);
        p.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement("UPDATE audiences SET computed_ms = ? WHERE id = ?")) {
        p.setLong(1, at.toEpochMilli());
        p.setString(2, id);
        p.executeUpdate();
      }
      return null;
    });
    return true;
  }

  private static void update(Connection c, String sql, String id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, id);
      p.executeUpdate();
    }
  }

  /** The saved audience, or empty. */
  Optional<Saved> find(String id) throws SQLException {
    List<Saved> out = query("WHERE id = ?", id);
    return out.isEmpty() ? Optional.empty() : Optional.of(out.get(0));
  }

  /** Every saved audience, by id. */
  List<Saved> list() throws SQLException {
    return query("", null);
  }

  private List<Saved> query(String where, String id) throws SQLException {
    List<Saved> out = new ArrayList<>();
    try (Connection c = store.readConnection(); PreparedStatement p = c.prepareStatement(
        "SELECT id, name, rule, created_ms, computed_ms FROM audiences " + where + " ORDER BY id")) {
      if (id != null) {
        p.setString(1, id);
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long computed = r.getLong(5);
          Instant computedAt = r.wasNull() ? null : Instant.ofEpochMilli(computed);
          try {
            out.add(new Saved(r.getString(1), r.getString(2), json.readTree(r.getString(3)),
                Instant.ofEpochMilli(r.getLong(4)), computedAt));
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("audience " + r.getString(1) + " has an unreadable rule", e);
          }
        }
      }
    }
    return out;
  }

  /** The audience's members now (its membership rows, less those who may no longer be members), in id order. */
  List<Member> current(String id) throws SQLException {
    Eligibility.Clause may = eligible.on("m.user_id");
    try (Connection c = store.readConnection(); PreparedStatement p = c.prepareStatement(
        "SELECT m.user_id, p.age_bracket, p.gender, p.country FROM audience_members m "
            + "LEFT JOIN profiles p ON p.user_id = m.user_id WHERE m.audience_id = ?" + may.sql() + " ORDER BY m.user_id")) {
      p.setString(1, id);
      bind(p, 2, may.params());
      return members(p);
    }
  }

  /** The audience's size history, oldest day first. */
  List<Day> history(String id) throws SQLException {
    List<Day> out = new ArrayList<>();
    try (Connection c = store.readConnection(); PreparedStatement p = c.prepareStatement(
        "SELECT day, size, adds, drops FROM audience_history WHERE audience_id = ? ORDER BY day")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new Day(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4)));
        }
      }
    }
    return out;
  }

  /** The saved audiences whose rule names {@code id} in a {@code member_of} or as a {@code lookalike} seed. */
  List<String> dependents(String id) throws SQLException {
    List<String> out = new ArrayList<>();
    for (Saved s : list()) {
      if (!s.id().equals(id) && names(s.rule(), id)) {
        out.add(s.id());
      }
    }
    return out;
  }

  private static boolean names(JsonNode n, String id) {
    if (n == null) {
      return false;
    }
    JsonNode m = n.get("member_of");
    if (m != null && m.isObject() && id.equals(m.path("audience_id").asText(null))) {
      return true;
    }
    JsonNode l = n.get("lookalike");
    if (l != null && l.isObject() && id.equals(l.path("seed").asText(null))) {
      return true;
    }
    for (JsonNode child : n) {
      if (names(child, id)) {
        return true;
      }
    }
    return false;
  }

  /** Deletes the audience, its membership and history; false when there was none. */
  synchronized boolean delete(String id) {
    return store.write(c -> {
      update(c, "DELETE FROM audience_members WHERE audience_id = ?", id);
      update(c, "DELETE FROM audience_history WHERE audience_id = ?", id);
      try (PreparedStatement p = c.prepareStatement("DELETE FROM audiences WHERE id = ?")) {
        p.setString(1, id);
        return p.executeUpdate() > 0;
      }
    });
  }

  @Override
  public Optional<Members> members(String audienceId) throws SQLException {
    Optional<Saved> saved = find(audienceId);
    if (saved.isEmpty()) {
      return Optional.empty();
    }
    List<String> ids = current(audienceId).stream().map(Member::userId).toList();
    return Optional.of(new Members(audienceId, saved.get().name(), ids, saved.get().computedAt()));
  }
}
