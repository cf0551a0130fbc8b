package io.marquee.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The {@code views} table (one row per playback session and asset, see {@link ViewSessionizer}) and
 * {@code view_sessions}, the state each session's sessionizer needs to resume.
 *
 * <p>Implementation notes. Views are kept current incrementally: each recent session has a {@link
 * SessionState} in memory that new events advance. A session not in memory (after a restart or an
 * eviction) is resumed from its row of {@code view_sessions}, written in the same transaction as its
 * views; a session never seen ({@link SeenSessions}) is not looked up at all. So the cost of an event
 * does not grow with the {@code events} table. Only an event older than its session's reorder window
 * allows makes the session be rebuilt from its stored events, read from its first log position on.
 *
 * <p>Rewriting a session's rows deletes the old ones first. DuckDB has no cheap point delete, so
 * every row of {@code views} and {@code view_sessions} carries {@code written_pos}, the log position
 * of the batch that wrote it: all rows of a session share it, it only grows in append order, and the
 * deletes are bounded by the oldest {@code written_pos} among the sessions being rewritten, so they
 * read only the row groups written since (DuckDB's min/max zone maps), not the whole table.
 */
final class ViewsProjection implements Projection {
  private static final String SELECT_PLAYBACK = "SELECT session_id, asset_id, user_id, anonymous_id, event, "
      + "timestamp, position, total_length, media_type, log_pos FROM events "
      + "WHERE type = 'track' AND event IS NOT NULL AND session_id IS NOT NULL ";

  /** Assets looked up in one catalog query. */
  private static final int RUNTIME_CHUNK = 1000;

  private final SessionCache sessions = new SessionCache(100_000);
  private final SeenSessions seen = new SeenSessions();
  private boolean seenLoaded;
  private final LongAdder stateLoads = new LongAdder();
  private final LongAdder eventScans = new LongAdder();

  @Override
  public String name() {
    return "views";
  }

  /**
   * Version 1 had no {@code view_sessions}; 2 adds it; 3 adds what each view watched ({@code
   * watched}, {@code runtime_s}, {@code coverage}, {@code intro}) and whether it is still playing
   * ({@code closed}, {@code heartbeat_s}). A change makes the next start rebuild the views once.
   */
  @Override
  public int version() {
    return 3;
  }

  @Override
  public List<String> schema() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS view_sessions(session_id VARCHAR NOT NULL, subjects VARCHAR[] NOT NULL, "
            + "state VARCHAR NOT NULL, written_pos BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS view_sessions_staging(session_id VARCHAR, subjects VARCHAR[], state VARCHAR, "
            + "written_pos BIGINT)",
        "ALTER TABLE views ADD COLUMN IF NOT EXISTS written_pos BIGINT",
        "ALTER TABLE views ADD COLUMN IF NOT EXISTS watched DOUBLE[]",
        "ALTER TABLE views ADD COLUMN IF NOT EXISTS runtime_s DOUBLE",
        "ALTER TABLE views ADD COLUMN IF NOT EXISTS coverage INTEGER",
        "ALTER TABLE views ADD COLUMN IF NOT EXISTS intro BOOLEAN",
        "ALTER TABLE views ADD COLUMN IF NOT EXISTS closed BOOLEAN",
        "ALTER TABLE views ADD COLUMN IF NOT EXISTS heartbeat_s DOUBLE");
  }

  /** Sessions resumed from {@code view_sessions} (not in memory). */
  long stateLoads() {
    return stateLoads.sum();
  }

  /** Sessions whose events had to be read back from {@code events} (an event older than its window). */
  long eventScans() {
    return eventScans.sum();
  }

  @Override
  public void apply(ProjectionBatch batch) throws SQLException, IOException {
    Map<String, List<PlaybackEvent>> touched = new LinkedHashMap<>();
    Map<String, String> merges = new LinkedHashMap<>();
    for (LoggedEvent e : batch.events()) {
      if (e.sessionId() != null && "track".equals(e.type()) && e.event() != null) {
        touched.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(playback(e));
      }
      String anonymous = "alias".equals(e.type()) ? e.previousId()
          : "identify".equals(e.type()) ? e.anonymousId() : null;
      if (anonymous != null && e.userId() != null && !anonymous.equals(e.userId())) {
        merges.put(anonymous, e.userId());
      }
    }
    DuckDBConnection c = batch.connection();
    try {
      if (!touched.isEmpty()) {
        updateViews(c, touched, batch.from());
      }
      mergeIdentities(c, merges);
    } catch (SQLException | IOException | RuntimeException e) {
      sessions.clear(); // the transaction rolls back: memory must not stay ahead of the store
      throw e;
    }
  }

  /** Forgets the sessions in memory: they may be ahead of the rolled-back store. */
  @Override
  public void rolledBack() {
    sessions.clear();
  }

  private static PlaybackEvent playback(LoggedEvent e) {
    return new PlaybackEvent(e.logPosition(), e.sessionId(), e.assetId(), e.userId(), e.anonymousId(), e.event(),
        e.timestamp(), e.position(), e.totalLength(), e.mediaType());
  }

  /** Advances the sessions the batch touched, then rewrites their views and states. */
  private void updateViews(DuckDBConnection c, Map<String, List<PlaybackEvent>> touched, long batchFrom)
      throws SQLException, IOException {
    if (!seenLoaded) {
      loadSeen(c);
    }
    Map<String, SessionState> active = new HashMap<>();
    List<String> lookup = new ArrayList<>();
    for (String id : touched.keySet()) {
      SessionState state = sessions.get(id);
      if (state != null) {
        active.put(id, state);
      } else if (seen.mayContain(id)) {
        lookup.add(id);
      }
    }
    if (!lookup.isEmpty()) {
      active.putAll(stored(c, lookup));
    }
    List<String> rebuild = new ArrayList<>();
    long rebuildFrom = Long.MAX_VALUE;
    long oldestWrite = Long.MAX_VALUE;
    for (Map.Entry<String, List<PlaybackEvent>> e : touched.entrySet()) {
      SessionState state = active.computeIfAbsent(e.getKey(), k -> new SessionState(new ViewSessionizer()));
      if (state.writtenAt() >= 0) {
        oldestWrite = Math.min(oldestWrite, state.writtenAt());
      }
      if (!state.add(e.getValue())) {
        rebuild.add(e.getKey());
        rebuildFrom = Math.min(rebuildFrom, state.firstLogPosition());
      }
    }
    if (!rebuild.isEmpty()) {
      for (Map.Entry<String, SessionState> e : fromEvents(c, rebuild, rebuildFrom).entrySet()) {
        e.getValue().writtenAt(active.get(e.getKey()).writtenAt());
        active.put(e.getKey(), e.getValue());
      }
    }
    try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "view_sessions_staging")) {
      for (Map.Entry<String, SessionState> e : active.entrySet()) {
        appendState(a, e.getKey(), e.getValue(), batchFrom);
      }
    }
    try (Statement s = c.createStatement()) {
      if (oldestWrite != Long.MAX_VALUE) {
        // a literal, not a parameter, so that the zone maps prune the scan
        String since = "written_pos >= " + oldestWrite + " AND session_id IN (SELECT session_id FROM "
            + "view_sessions_staging)";
        s.execute("DELETE FROM views WHERE " + since);
        s.execute("DELETE FROM view_sessions WHERE " + since);
      }
      s.execute("INSERT INTO view_sessions SELECT session_id, subjects, state, written_pos FROM view_sessions_staging");
      s.execute("DELETE FROM view_sessions_staging");
    }
    Map<String, List<View>> views = new LinkedHashMap<>();
    java.util.Set<String> assets = new java.util.HashSet<>();
    for (Map.Entry<String, SessionState> e : active.entrySet()) {
      List<View> list = e.getValue().views();
      views.put(e.getKey(), list);
      list.forEach(v -> assets.add(v.assetId()));
    }
    Map<String, Double> runtimes = runtimes(c, assets);
    try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "views")) {
      for (Map.Entry<String, SessionState> e : active.entrySet()) {
        e.getValue().writtenAt(batchFrom);
        seen.add(e.getKey());
        sessions.put(e.getKey(), e.getValue());
        for (View v : views.get(e.getKey())) {
          appendView(a, v, batchFrom, runtimes.get(v.assetId()));
        }
      }
    }
  }

  /** The catalog's runtimes ({@code titles.runtime_s}, when positive) of these assets. */
  private static Map<String, Double> runtimes(Connection c, java.util.Set<String> assets) throws SQLException {
    Map<String, Double> out = new HashMap<>();
    List<String> all = new ArrayList<>(assets);
    for (int from = 0; from < all.size(); from += RUNTIME_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + RUNTIME_CHUNK));
      String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
      try (PreparedStatement p = c.prepareStatement("SELECT asset_id, runtime_s FROM titles WHERE runtime_s > 0 "
          + "AND asset_id IN (" + marks + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          p.setString(i + 1, chunk.get(i));
        }
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.put(r.getString(1), r.getDouble(2));
          }
        }
      }
    }
    return out;
  }

  /** Every catalog runtime, for a rebuild. */
  private static Map<String, Double> allRuntimes(Connection c) throws SQLException {
    Map<String, Double> out = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT asset_id, runtime_s FROM titles WHERE runtime_s > 0")) {
      while (r.next()) {
        out.put(r.getString(1), r.getDouble(2));
      }
    }
    return out;
  }

  /** Fills {@link #seen} from {@code view_sessions}, once per loader. */
  private void loadSeen(DuckDBConnection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT session_id FROM view_sessions")) {
      while (r.next()) {
        seen.add(r.getString(1));
      }
    }
    seenLoaded = true;
  }

  /** The stored states of the sessions that have one, with the position that wrote them. */
  private Map<String, SessionState> stored(DuckDBConnection c, List<String> ids) throws SQLException, IOException {
    stage(c, ids);
    Map<String, SessionState> out = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT session_id, state, written_pos "
        + "FROM view_sessions WHERE session_id IN (SELECT session_id FROM session_staging)")) {
      while (r.next()) {
        SessionState state = SessionState.decode(Base64.getDecoder().decode(r.getString(2)));
        state.writtenAt(r.getLong(3));
        out.put(r.getString(1), state);
      }
    }
    unstage(c);
    stateLoads.add(out.size());
    return out;
  }

  private static void stage(DuckDBConnection c, List<String> ids) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM session_staging");
    }
    try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "session_staging")) {
      for (String id : ids) {
        a.beginRow();
        a.append(id);
        a.endRow();
      }
    }
  }

  private static void unstage(DuckDBConnection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM session_staging"); // session ids are user data: keep none past the load
    }
  }

  /** Session states rebuilt from their stored events at log positions {@code since} and later. */
  private Map<String, SessionState> fromEvents(DuckDBConnection c, List<String> ids, long since)
      throws SQLException {
    stage(c, ids);
    Map<String, SessionState> out = new HashMap<>();
    for (String id : ids) {
      out.put(id, new SessionState(new ViewSessionizer()));
    }
    try (PreparedStatement p = c.prepareStatement(SELECT_PLAYBACK + "AND log_pos >= ? "
        + "AND session_id IN (SELECT session_id FROM session_staging) ORDER BY session_id, timestamp, log_pos")) {
      p.setLong(1, since);
      try (ResultSet r = p.executeQuery()) {
        readSessions(r, (id, events) -> out.get(id).add(events));
      }
    }
    unstage(c);
    eventScans.add(ids.size());
    return out;
  }

  @FunctionalInterface
  private interface SessionSink {
    void accept(String sessionId, List<PlaybackEvent> events) throws SQLException;
  }

  /** Hands each session's events of a result ordered by session, time and log position to {@code sink}. */
  private static void readSessions(ResultSet r, SessionSink sink) throws SQLException {
    String current = null;
    List<PlaybackEvent> events = new ArrayList<>();
    while (r.next()) {
      String sessionId = r.getString(1);
      if (current != null && !current.equals(sessionId)) {
        sink.accept(current, events);
        events = new ArrayList<>();
      }
      current = sessionId;
      double position = r.getDouble(7);
      Double pos = r.wasNull() ? null : position;
      double total = r.getDouble(8);
      Double len = r.wasNull() ? null : total;
      events.add(new PlaybackEvent(r.getLong(10), sessionId, r.getString(2), r.getString(3), r.getString(4),
          r.getString(5), r.getTimestamp(6).toLocalDateTime().toInstant(ZoneOffset.UTC), pos, len, r.getString(9)));
    }
    if (current != null) {
      sink.accept(current, events);
    }
  }

  /** Recomputes every view and session state from the stored playback events, then the identity merges. */
  @Override
  public void rebuild(Connection connection) throws SQLException {
    DuckDBConnection c = connection.unwrap(DuckDBConnection.class);
    sessions.clear();
    seen.clear();
    seenLoaded = false;
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM views");
      s.execute("DELETE FROM view_sessions");
    }
    Map<String, Double> runtimes = allRuntimes(c);
    try (DuckDBAppender views = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "views");
        DuckDBAppender states = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "view_sessions");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(SELECT_PLAYBACK + "ORDER BY session_id, timestamp, log_pos")) {
      readSessions(r, (id, events) -> {
        SessionState state = new SessionState(new ViewSessionizer());
        state.add(events);
        appendState(states, id, state, 0);
        for (View v : state.views()) {
          appendView(views, v, 0, runtimes.get(v.assetId()));
        }
      });
    }
    try (Statement s = c.createStatement()) {
      s.execute("""
          UPDATE views SET user_id = m.user_id FROM (
            SELECT anon, arg_min(user_id, log_pos) AS user_id FROM (
              SELECT CASE type WHEN 'alias' THEN previous_id ELSE anonymous_id END AS anon, user_id, log_pos
              FROM events WHERE type IN ('alias', 'identify') AND user_id IS NOT NULL)
            WHERE anon IS NOT NULL AND anon <> user_id GROUP BY anon) m
          WHERE views.anonymous_id = m.anon AND views.user_id IS NULL""");
    }
  }

  @Override
  public void erase(Connection c, Collection<String> ids) throws SQLException {
    sessions.clear(); // states in memory name the erased ids too; the store's are deleted below
    try (PreparedStatement v = c.prepareStatement("DELETE FROM views WHERE user_id = ? OR anonymous_id = ?");
        PreparedStatement s = c.prepareStatement("DELETE FROM view_sessions WHERE list_contains(subjects, ?)")) {
      for (String id : ids) {
        v.setString(1, id);
        v.setString(2, id);
        v.executeUpdate();
        s.setString(1, id);
        s.executeUpdate();
      }
    }
  }

  private static void appendState(DuckDBAppender a, String sessionId, SessionState state, long writtenPos)
      throws SQLException {
    a.beginRow();
    a.append(sessionId);
    a.append(new ArrayList<>(state.subjects()));
    a.append(Base64.getEncoder().encodeToString(state.encode()));
    a.append(writtenPos);
    a.endRow();
  }

  /**
   * Appends a view's row; {@code catalogRuntime} is the catalog's runtime of its asset (null when
   * unknown: the player's {@code total_length} is used).
   */
  private static void appendView(DuckDBAppender a, View v, long writtenPos, Double catalogRuntime)
      throws SQLException {
    a.beginRow();
    a.append(v.viewId());
    a.append(v.sessionId());
    Appenders.appendNullable(a, v.userId());
    Appenders.appendNullable(a, v.anonymousId());
    a.append(v.assetId());
    Appenders.appendNullable(a, v.mediaType());
    Appenders.appendNullable(a, v.startedAt());
    Appenders.appendNullable(a, v.endedAt());
    a.append(v.watchSeconds());
    a.append(v.maxPosition());
    Appenders.appendNullable(a, v.totalLength());
    a.append(v.completed());
    a.append(writtenPos);
    a.append(v.watched());
    Double runtime = catalogRuntime != null ? catalogRuntime : v.totalLength();
    Appenders.appendNullable(a, runtime);
    Appenders.appendNullable(a, Coverage.mask(v.watched(), runtime));
    a.append(Coverage.intro(v.watched()));
    a.append(v.closed());
    Appenders.appendNullable(a, v.heartbeatSeconds());
    a.endRow();
  }

  /** Attributes the anonymous views of ids that alias or identify linked to a user to that user. */
  private static void mergeIdentities(DuckDBConnection c, Map<String, String> merges) throws SQLException {
    if (merges.isEmpty()) {
      return;
    }
    try (PreparedStatement p = c.prepareStatement(
        "UPDATE views SET user_id = ? WHERE anonymous_id = ? AND user_id IS NULL")) {
      for (Map.Entry<String, String> e : merges.entrySet()) {
        p.setString(1, e.getValue());
        p.setString(2, e.getKey());
        p.executeUpdate();
      }
    }
  }
}
