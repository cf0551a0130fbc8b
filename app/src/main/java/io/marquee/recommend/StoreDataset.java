package io.marquee.recommend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link Dataset} read from the store: implicit feedback from {@code views}, explicit ratings
 * from {@code Content Rated} events, item features from {@code titles} and user profiles from the
 * latest identify traits ({@code age}, {@code gender}, {@code country}, {@code interests}).
 *
 * <p>Each part is one aggregating query that DuckDB runs in a single pass (no query per user):
 * views are weighted and summed per (user, title) in SQL by the same formula as {@link
 * Feedback#view}, with the watched fraction {@code watch_seconds / total_length} (the title's
 * runtime when the player sent no length) raised to {@link Feedback#COMPLETED} for a view the
 * player marked completed, and the age measured from the latest interaction in the data; the
 * latest rating per (user, title) is joined, and {@link Feedback#cell} caps the sum. Only
 * identified users ({@code user_id}) are kept: anonymous views are not linked to anybody here.
 */
public final class StoreDataset {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StoreDataset() {}

  /** Reads the whole training set from a connection to the store. */
  public static Dataset load(Connection c) throws SQLException {
    long now = now(c);
    Interactions.Builder b = Interactions.builder();
    Map<String, String[]> titles = titles(c, b);
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(cellsSql(now))) {
      while (r.next()) {
        float views = r.getFloat(3);
        float rating = r.getFloat(4);
        if (r.wasNull()) {
          rating = Float.NaN;
        }
        b.add(r.getString(1), r.getString(2), Feedback.cell(views, rating), rating, r.getLong(5));
      }
    }
    Map<String, UserProfile> profiles = profiles(c);
    for (String user : profiles.keySet()) {
      b.addUser(user);
    }
    Interactions x = b.build();
    ItemFeatures.Builder features = ItemFeatures.builder(x.items());
    for (Map.Entry<String, String[]> t : titles.entrySet()) {
      String[] f = t.getValue();
      features.set(x.items().indexOf(t.getKey()), f[0], f[5],
          f[1] == null ? null : List.of(f[1].split("\u0001")), f[6], f[2], f[3], f[4]);
    }
    UserProfile[] byRow = new UserProfile[x.userCount()];
    for (Map.Entry<String, UserProfile> p : profiles.entrySet()) {
      byRow[x.users().indexOf(p.getKey())] = p.getValue();
    }
    return new Dataset(x, features.build(), byRow, now);
  }

  /** The latest interaction in the data, epoch seconds: "now" for recency, deterministic. */
  private static long now(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
        SELECT greatest(
          (SELECT max(epoch(coalesce(started_at, ended_at))) FROM views WHERE user_id IS NOT NULL),
          (SELECT max(epoch(timestamp)) FROM events WHERE event = 'Content Rated'))""")) {
      r.next();
      long now = r.getLong(1);
      return r.wasNull() ? 0 : now;
    }
  }

  /** Registers every catalog title as an item (asset id order) and returns their features. */
  private static Map<String, String[]> titles(Connection c, Interactions.Builder b)
      throws SQLException {
    Map<String, String[]> titles = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
        "SELECT asset_id, title, array_to_string(genres, chr(1)), series, maturity_rating, "
            + "media_type, kind, CASE WHEN kind = 'series' THEN asset_id ELSE series_id END "
            + "FROM titles ORDER BY asset_id")) {
      while (r.next()) {
        b.addItem(r.getString(1));
        titles.put(r.getString(1), new String[] {r.getString(2),
            emptyToNull(r.getString(3)), r.getString(4), r.getString(5), r.getString(6),
            r.getString(7), r.getString(8)});
      }
    }
    return titles;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /**
   * One row per (user, title): the summed view weights (0 when only rated), the latest rating
   * (NULL when none) and the latest interaction time.
   */
  static String cellsSql(long now) {
    String fraction = "least(1, greatest(0, coalesce(v.watch_seconds / nullif(coalesce("
        + "nullif(v.total_length, 0), t.runtime_s), 0), 0)))";
    return String.format(Locale.ROOT, """
        WITH f AS (
          SELECT v.user_id AS u, v.asset_id AS a,
            CASE WHEN v.completed THEN greatest(%1$s, %3$s) ELSE %1$s END AS fr,
            epoch(coalesce(v.started_at, v.ended_at)) AS ts
          FROM views v LEFT JOIN titles t ON t.asset_id = v.asset_id
          WHERE v.user_id IS NOT NULL),
        vw AS (
          SELECT u, a,
            sum((0.2 + 0.8 * fr) * CASE WHEN fr >= %3$s THEN 1.5 ELSE 1.0 END
                * pow(0.5, greatest(0, %2$d - ts) / 86400.0 / %4$s)) AS w,
            max(ts) AS t
          FROM f GROUP BY u, a),
        rt AS (
          SELECT user_id AS u, asset_id AS a,
            arg_max(TRY_CAST(json_extract_string(properties, '$.rating') AS DOUBLE), timestamp) AS r,
            max(epoch(timestamp)) AS t
          FROM events
          WHERE event = 'Content Rated' AND type = 'track' AND user_id IS NOT NULL
            AND asset_id IS NOT NULL
            AND TRY_CAST(json_extract_string(properties, '$.rating') AS DOUBLE) IS NOT NULL
          GROUP BY user_id, asset_id)
        SELECT coalesce(vw.u, rt.u), coalesce(vw.a, rt.a), coalesce(vw.w, 0), rt.r,
          CAST(greatest(coalesce(vw.t, 0), coalesce(rt.t, 0)) AS BIGINT)
        FROM vw FULL OUTER JOIN rt ON vw.u = rt.u AND vw.a = rt.a""",
        fraction, now, Double.toString(Feedback.COMPLETED), Double.toString(Feedback.HALF_LIFE_DAYS));
  }

  /** Per identified user, the latest value of each declared trait, in one grouped pass. */
  private static Map<String, UserProfile> profiles(Connection c) throws SQLException {
    Map<String, UserProfile> profiles = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
        WITH i AS (
          SELECT user_id, timestamp,
            TRY_CAST(json_extract_string(traits, '$.age') AS DOUBLE) AS age,
            json_extract_string(traits, '$.gender') AS gender,
            json_extract_string(traits, '$.country') AS country,
            CAST(json_extract(traits, '$.interests') AS VARCHAR) AS interests
          FROM events WHERE type = 'identify' AND user_id IS NOT NULL AND traits IS NOT NULL)
        SELECT user_id,
          arg_max(age, timestamp) FILTER (WHERE age IS NOT NULL),
          arg_max(gender, timestamp) FILTER (WHERE gender IS NOT NULL),
          arg_max(country, timestamp) FILTER (WHERE country IS NOT NULL),
          arg_max(interests, timestamp) FILTER (WHERE interests IS NOT NULL)
        FROM i GROUP BY user_id""")) {
      while (r.next()) {
        double age = r.getDouble(2);
        int a = r.wasNull() || age < 0 || age > 150 ? -1 : (int) age;
        profiles.put(r.getString(1),
            new UserProfile(a, r.getString(3), r.getString(4), interests(r.getString(5))));
      }
    }
    return profiles;
  }

  /** Interests as a JSON array of names or one comma-separated string. */
  static List<String> interests(String json) {
    if (json == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try {
      JsonNode n = JSON.readTree(json);
      if (n.isArray()) {
        n.forEach(e -> {
          if (e.isTextual() && !e.asText().isBlank()) {
            out.add(e.asText().trim());
          }
        });
      } else if (n.isTextual()) {
        for (String part : n.asText().split(",")) {
          if (!part.isBlank()) {
            out.add(part.trim());
          }
        }
      }
    } catch (java.io.IOException e) {
      return List.of();
    }
    return out;
  }
}
