package io.marquee.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.store.LoggedEvent;
import io.marquee.store.Projection;
import io.marquee.store.ProjectionBatch;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * What the reports need beyond {@code views}, {@code titles} and {@code profiles}, kept by the
 * loader: {@code title_actions}, one row per {@code Content Rated} (with its {@code rating}) and
 * {@code Added to Watchlist} event, so a title's rating and watchlist adds are read from a small
 * table and not from {@code events}. It also remembers when the loader last applied a batch, which
 * the reports give as their freshness ({@link #lastApplied}), and owns the reports' copy of {@code
 * views} ({@link ReportViews}), whose rows it erases with the user's.
 */
final class InsightsProjection implements Projection {
  static final String RATED = "Content Rated";
  static final String WATCHLISTED = "Added to Watchlist";
  private static final String SELECT_ACTIONS = "SELECT log_pos, user_id, anonymous_id, asset_id, event, properties, "
      + "timestamp FROM events WHERE type = 'track' AND event IN ('" + RATED + "', '" + WATCHLISTED + "')";

  private final ObjectMapper json;
  private final Clock clock;
  private final ReportViews reportViews;
  private volatile Instant lastApplied;

  InsightsProjection(ObjectMapper json, Clock clock) {
    this.json = json;
    this.clock = clock;
    this.reportViews = new ReportViews(clock);
  }

  /** The reports' copy of {@code views} ({@link ReportViews}), one per node. */
  ReportViews reportViews() {
    return reportViews;
  }

  @Override
  public String name() {
    return "insights";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public List<String> schema() {
    return List.of("CREATE TABLE IF NOT EXISTS title_actions(log_pos BIGINT NOT NULL, user_id VARCHAR, "
        + "anonymous_id VARCHAR, asset_id VARCHAR NOT NULL, action VARCHAR NOT NULL, rating DOUBLE, "
        + "timestamp TIMESTAMP NOT NULL)", ReportViews.schema());
  }

  /** When the loader last applied a batch in this process, or null before the first. */
  Instant lastApplied() {
    return lastApplied;
  }

  @Override
  public void apply(ProjectionBatch batch) throws SQLException, IOException {
    DuckDBAppender a = null;
    try {
      for (LoggedEvent e : batch.events()) {
        if ("track".equals(e.type()) && (RATED.equals(e.event()) || WATCHLISTED.equals(e.event()))) {
          if (a == null) {
            a = batch.connection().createAppender(DuckDBConnection.DEFAULT_SCHEMA, "title_actions");
          }
          append(a, e.logPosition(), e.userId(), e.anonymousId(), e.assetId(), e.event(), e.properties(),
              e.timestamp());
        }
      }
    } finally {
      if (a != null) {
        a.close();
      }
    }
    lastApplied = clock.instant();
  }

  private void append(DuckDBAppender a, long pos, String user, String anonymous, String asset, String event,
      String properties, Instant at) throws SQLException, IOException {
    if (asset == null || (user == null && anonymous == null)) {
      return;
    }
    Double rating = null;
    if (RATED.equals(event)) {
      JsonNode r = properties == null ? null : json.readTree(properties).get("rating");
      if (r == null || !r.isNumber() || !Double.isFinite(r.doubleValue())) {
        return; // a rating without a number says nothing about the title
      }
      rating = r.doubleValue();
    }
    a.beginRow();
    a.append(pos);
    nullable(a, user);
    nullable(a, anonymous);
    a.append(asset);
    a.append(RATED.equals(event) ? "rated" : "watchlisted");
    if (rating == null) {
      a.appendNull();
    } else {
      a.append(rating.doubleValue());
    }
    a.append(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
    a.endRow();
  }

  private static void nullable(DuckDBAppender a, String v) throws SQLException {
    if (v == null) {
      a.appendNull();
    } else {
      a.append(v);
    }
  }

  @Override
  public void rebuild(Connection c) throws SQLException, IOException {
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM title_actions");
    }
    DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(SELECT_ACTIONS + " ORDER BY log_pos");
        DuckDBAppender a = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "title_actions")) {
      while (r.next()) {
        append(a, r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
            r.getTimestamp(7).toLocalDateTime().toInstant(ZoneOffset.UTC));
      }
    }
  }

  @Override
  public void erase(Connection c, Collection<String> ids) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
    try (PreparedStatement p = c.prepareStatement("DELETE FROM title_actions WHERE user_id IN (" + marks
        + ") OR anonymous_id IN (" + marks + ")")) {
      int i = 1;
      for (int pass = 0; pass < 2; pass++) {
        for (String id : ids) {
          p.setString(i++, id);
        }
      }
      p.executeUpdate();
    }
    reportViews.erase(c, ids);
  }

  @Override
  public void discardFrom(Connection c, long position) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM title_actions WHERE log_pos >= ?")) {
      p.setLong(1, position);
      p.executeUpdate();
    }
  }
}
