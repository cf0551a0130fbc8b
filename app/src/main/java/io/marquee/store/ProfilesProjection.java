package io.marquee.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.core.AgeBracket;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The {@code profiles} table: one row per identified user with what identify traits declared and
 * when the user was seen, kept current by the loader so that {@code GET /v1/profiles/{id}} and the
 * insights and audiences read one row instead of scanning the user's events.
 *
 * <p>Columns: {@code age} and {@code age_observed_at} (the time of the identify that said it, the
 * date the age was true), {@code age_bracket} ({@link AgeBracket}), {@code gender}, {@code country}
 * (ISO 3166 alpha-2, upper case), {@code interests}, {@code first_seen}, {@code last_seen}, {@code
 * events}; {@code traits}, every declared trait as {@code {"name": {"value": ..., "observed_at":
 * ...}}} with the latest value by event time; {@code sealed_fields}, the paths of the personal
 * fields the vault holds for the user ({@code email}, {@code contact.email}). No personal data: the
 * {@code _vault} objects (sealed ciphertext) are left out, only their field names are kept.
 * {@code events}, {@code first_seen} and {@code last_seen} count every event received for the user,
 * including those {@code store.retention-days} has since pruned from {@code events} (a rebuild counts
 * only the events still stored).
 */
final class ProfilesProjection implements Projection {
  private static final String VAULT_FIELD = "_vault";
  private static final String COLUMNS = "user_id, age, age_observed_at, age_bracket, gender, country, interests, "
      + "first_seen, last_seen, events, traits, sealed_fields";

  private final ObjectMapper json;

  ProfilesProjection(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public String name() {
    return "profiles";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public List<String> schema() {
    String columns = "user_id VARCHAR NOT NULL, age INTEGER, age_observed_at TIMESTAMP, age_bracket VARCHAR, "
        + "gender VARCHAR, country VARCHAR, interests VARCHAR[], first_seen TIMESTAMP NOT NULL, "
        + "last_seen TIMESTAMP NOT NULL, events BIGINT NOT NULL, traits JSON, sealed_fields VARCHAR[]";
    return List.of("CREATE TABLE IF NOT EXISTS profiles(" + columns + ")",
        "CREATE TABLE IF NOT EXISTS profiles_staging(" + columns + ")");
  }

  /** What one batch says about one user. */
  private static final class Seen {
    Instant first;
    Instant last;
    long events;
    final List<LoggedEvent> identifies = new ArrayList<>();

    void add(LoggedEvent e) {
      Instant t = e.timestamp();
      first = first == null || t.isBefore(first) ? t : first;
      last = last == null || t.isAfter(last) ? t : last;
      events++;
      if ("identify".equals(e.type()) && e.traits() != null) {
        identifies.add(e);
      }
    }
  }

  @Override
  public void apply(ProjectionBatch batch) throws SQLException, IOException {
    Map<String, Seen> users = new LinkedHashMap<>();
    for (LoggedEvent e : batch.events()) {
      if (e.userId() != null) {
        users.computeIfAbsent(e.userId(), k -> new Seen()).add(e);
      }
    }
    if (!users.isEmpty()) {
      write(batch.connection(), users);
    }
  }

  private void write(DuckDBConnection c, Map<String, Seen> users) throws SQLException, IOException {
    Map<String, Traits> declared = new LinkedHashMap<>();
    for (Map.Entry<String, Seen> e : users.entrySet()) {
      if (!e.getValue().identifies.isEmpty()) {
        declared.put(e.getKey(), new Traits());
      }
    }
    if (!declared.isEmpty()) {
      readTraits(c, declared);
      for (Map.Entry<String, Traits> e : declared.entrySet()) {
        List<LoggedEvent> ids = users.get(e.getKey()).identifies;
        ids.sort(java.util.Comparator.comparing(LoggedEvent::timestamp).thenComparingLong(LoggedEvent::logPosition));
        for (LoggedEvent i : ids) {
          e.getValue().declare(json.readTree(i.traits()), i.timestamp());
        }
      }
    }
    try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "profiles_staging")) {
      for (Map.Entry<String, Seen> e : users.entrySet()) {
        Seen s = e.getValue();
        append(a, e.getKey(), declared.get(e.getKey()), s.first, s.last, s.events);
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute("""
          UPDATE profiles p SET first_seen = least(p.first_seen, s.first_seen),
            last_seen = greatest(p.last_seen, s.last_seen), events = p.events + s.events,
            age = CASE WHEN s.traits IS NULL THEN p.age ELSE s.age END,
            age_observed_at = CASE WHEN s.traits IS NULL THEN p.age_observed_at ELSE s.age_observed_at END,
            age_bracket = CASE WHEN s.traits IS NULL THEN p.age_bracket ELSE s.age_bracket END,
            gender = CASE WHEN s.traits IS NULL THEN p.gender ELSE s.gender END,
            country = CASE WHEN s.traits IS NULL THEN p.country ELSE s.country END,
            interests = CASE WHEN s.traits IS NULL THEN p.interests ELSE s.interests END,
            sealed_fields = CASE WHEN s.traits IS NULL THEN p.sealed_fields ELSE s.sealed_fields END,
            traits = coalesce(s.traits, p.traits)
          FROM profiles_staging s WHERE p.user_id = s.user_id""");
      s.execute("INSERT INTO profiles SELECT * FROM profiles_staging s "
          + "WHERE NOT EXISTS (SELECT 1 FROM profiles p WHERE p.user_id = s.user_id)");
      s.execute("DELETE FROM profiles_staging");
    }
  }

  /** Reads the stored traits of the given users into their {@link Traits}. */
  private void readTraits(DuckDBConnection c, Map<String, Traits> users) throws SQLException, IOException {
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM profiles_staging");
    }
    try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "profiles_staging")) {
      Instant epoch = Instant.EPOCH;
      for (String id : users.keySet()) {
        append(a, id, null, epoch, epoch, 0);
      }
    }
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT p.user_id, p.traits, "
        + "p.sealed_fields FROM profiles p JOIN profiles_staging s USING (user_id) WHERE p.traits IS NOT NULL")) {
      while (r.next()) {
        Traits t = users.get(r.getString(1));
        if (t == null) {
          continue; // the collector refuses ids that do not round-trip (unpaired surrogates); be safe
        }
        JsonNode stored = json.readTree(r.getString(2));
        stored.fields().forEachRemaining(e -> t.values.put(e.getKey(), (ObjectNode) e.getValue()));
        java.sql.Array sealed = r.getArray(3);
        if (sealed != null) {
          for (Object o : (Object[]) sealed.getArray()) {
            t.sealed.add(String.valueOf(o));
          }
        }
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM profiles_staging");
    }
  }

  /** One user's declared traits, merged in event-time order: the latest value of each wins. */
  private final class Traits {
    /** By name, so that the stored JSON does not depend on the order identify calls arrived in. */
    final Map<String, ObjectNode> values = new java.util.TreeMap<>();
    final TreeSet<String> sealed = new TreeSet<>();

    void declare(JsonNode traits, Instant at) {
      if (!(traits instanceof ObjectNode t)) {
        return;
      }
      takeSealed(t, "", sealed);
      String observed = observedAt(at);
      Iterator<Map.Entry<String, JsonNode>> it = t.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        ObjectNode old = values.get(e.getKey());
        if (old != null && old.path("observed_at").asText().compareTo(observed) > 0) {
          continue; // an identify older than the one that set the stored value
        }
        ObjectNode v = json.createObjectNode();
        v.set("value", e.getValue());
        v.put("observed_at", observed);
        values.put(e.getKey(), v);
      }
    }

    JsonNode value(String name) {
      ObjectNode v = values.get(name);
      return v == null ? null : v.get("value");
    }

    String observed(String name) {
      ObjectNode v = values.get(name);
      return v == null ? null : v.path("observed_at").asText(null);
    }
  }

  /**
   * The form of {@code observed_at} the profile API has always given (JDBC's rendering of a
   * TIMESTAMP, {@code 2026-10-01 20:00:00.0}); its text order is time order for the years 1000-9999.
   */
  static String observedAt(Instant t) {
    return Timestamp.valueOf(LocalDateTime.ofInstant(t, ZoneOffset.UTC)).toString();
  }

  /** Removes every {@code _vault} object at or under {@code node}, adding its fields' paths to {@code sealed}. */
  static void takeSealed(JsonNode node, String path, Collection<String> sealed) {
    if (node instanceof ObjectNode o) {
      JsonNode own = o.remove(VAULT_FIELD);
      if (own instanceof ObjectNode v) {
        v.fieldNames().forEachRemaining(name -> sealed.add(path + name));
      }
      o.fields().forEachRemaining(e -> takeSealed(e.getValue(), path + e.getKey() + ".", sealed));
    } else if (node != null && node.isArray()) {
      for (JsonNode element : node) {
        takeSealed(element, path, sealed);
      }
    }
  }

  private void append(DuckDBAppender a, String userId, Traits t, Instant first, Instant last, long events)
      throws SQLException, IOException {
    a.beginRow();
    a.append(userId);
    JsonNode age = t == null ? null : t.value("age");
    Integer years = age != null && age.isNumber() && age.asDouble() >= 0 && age.asDouble() <= 150 ? age.asInt() : null;
    Appenders.appendNullable(a, years);
    if (years == null) {
      a.appendNull();
    } else {
      a.append(LocalDateTime.parse(t.observed("age").replace(' ', 'T')));
    }
    Appenders.appendNullable(a, years == null ? null : AgeBracket.of(years));
    Appenders.appendNullable(a, text(t, "gender", false));
    Appenders.appendNullable(a, text(t, "country", true));
    if (t == null) {
      a.appendNull();
    } else {
      a.append(interests(t.value("interests")));
    }
    Appenders.appendNullable(a, first);
    Appenders.appendNullable(a, last);
    a.append(events);
    if (t == null) {
      a.appendNull();
      a.appendNull();
    } else {
      ObjectNode traits = json.createObjectNode();
      t.values.forEach(traits::set);
      a.append(json.writeValueAsString(traits));
      a.append(new ArrayList<>(t.sealed));
    }
    a.endRow();
  }

  private static String text(Traits t, String name, boolean upper) {
    JsonNode v = t == null ? null : t.value(name);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      return null;
    }
    String s = v.asText().strip();
    return upper ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT);
  }

  /** Declared interests: a JSON array of names or one comma-separated string. */
  static List<String> interests(JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v.isArray()) {
      v.forEach(e -> {
        if (e.isTextual() && !e.asText().isBlank()) {
          out.add(e.asText().strip().toLowerCase(Locale.ROOT));
        }
      });
    } else if (v.isTextual()) {
      for (String s : v.asText().split(",")) {
        if (!s.isBlank()) {
          out.add(s.strip().toLowerCase(Locale.ROOT));
        }
      }
    }
    return out;
  }

  /** Recomputes every profile from the stored events, in time order. */
  @Override
  public void rebuild(Connection connection) throws SQLException, IOException {
    DuckDBConnection c = connection.unwrap(DuckDBConnection.class);
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM profiles");
      s.execute("""
          INSERT INTO profiles(user_id, first_seen, last_seen, events)
          SELECT user_id, min(timestamp), max(timestamp), count(*) FROM events
          WHERE user_id IS NOT NULL GROUP BY user_id""");
    }
    Map<String, Traits> declared = new LinkedHashMap<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT user_id, traits, timestamp "
        + "FROM events WHERE type = 'identify' AND user_id IS NOT NULL AND traits IS NOT NULL "
        + "ORDER BY user_id, timestamp, log_pos")) {
      while (r.next()) {
        declared.computeIfAbsent(r.getString(1), k -> new Traits()).declare(json.readTree(r.getString(2)),
            r.getTimestamp(3).toLocalDateTime().toInstant(ZoneOffset.UTC));
      }
    }
    if (declared.isEmpty()) {
      return;
    }
    try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "profiles_staging")) {
      for (Map.Entry<String, Traits> e : declared.entrySet()) {
        append(a, e.getKey(), e.getValue(), Instant.EPOCH, Instant.EPOCH, 0);
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute("""
          UPDATE profiles p SET age = s.age, age_observed_at = s.age_observed_at, age_bracket = s.age_bracket,
            gender = s.gender, country = s.country, interests = s.interests, traits = s.traits,
            sealed_fields = s.sealed_fields
          FROM profiles_staging s WHERE p.user_id = s.user_id""");
      s.execute("DELETE FROM profiles_staging");
    }
  }

  @Override
  public void erase(Connection c, Collection<String> ids) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM profiles WHERE user_id = ?")) {
      for (String id : ids) {
        p.setString(1, id);
        p.executeUpdate();
      }
    }
  }

  /** The columns of {@code profiles}, in order. */
  static String columns() {
    return COLUMNS;
  }
}
