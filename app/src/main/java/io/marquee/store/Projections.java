package io.marquee.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The standard projections, and how the loader brings a projection's tables to its version at start. */
public final class Projections {
  private static final Logger LOG = LoggerFactory.getLogger(Projections.class);

  private Projections() {}

  /** The projections every node keeps: views (with their session states), consent, profiles. */
  public static List<Projection> standard(ObjectMapper json) {
    return List.of(new ViewsProjection(), new ConsentProjection(json), new ProfilesProjection(json));
  }

  /**
   * Creates each projection's tables and, for one whose recorded version differs from its own (or
   * is not recorded: a projection new to this store), rebuilds them from {@code events} and records
   * the version, each projection in its own transaction.
   */
  static void prepare(Connection c, List<Projection> projections) throws SQLException, IOException {
    Set<String> names = new HashSet<>();
    for (Projection p : projections) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("two projections are named '" + p.name() + "'");
      }
      String key = "projection." + p.name();
      String recorded = recorded(c, key);
      if (recorded != null && recorded.equals(Integer.toString(p.version()))) {
        try (Statement s = c.createStatement()) {
          for (String ddl : p.schema()) {
            s.execute(ddl);
          }
        }
        continue;
      }
      long t0 = System.nanoTime();
      try (Statement s = c.createStatement()) {
        s.execute("BEGIN TRANSACTION");
        try {
          for (String ddl : p.schema()) {
            s.execute(ddl);
          }
          p.rebuild(c);
          try (PreparedStatement m = c.prepareStatement("INSERT INTO marquee_meta VALUES (?, ?) "
              + "ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            m.setString(1, key);
            m.setString(2, Integer.toString(p.version()));
            m.execute();
          }
          s.execute("COMMIT");
        } catch (SQLException | IOException | RuntimeException e) {
          s.execute("ROLLBACK");
          throw e;
        }
      }
      LOG.info("store: projection {} built from the events at version {} (was {}) in {} ms", p.name(),
          p.version(), recorded == null ? "none" : recorded, (System.nanoTime() - t0) / 1_000_000);
    }
  }

  private static String recorded(Connection c, String key) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT value FROM marquee_meta WHERE key = ?")) {
      p.setString(1, key);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }
}
