package io.marquee.adexport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.store.LoggedEvent;
import io.marquee.store.ProjectionBatch;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code sealed_traits} table on an in-memory DuckDB: by hand, four events (two identify events
 * of {@code u1} with sealed fields, one identify of {@code u2} with a sealed field, one identify of
 * {@code u3} without any, one track) give three rows, holding the ciphertext only.
 */
class SealedTraitsProjectionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String U1_FIRST = "{\"name\":\"Ada\",\"_vault\":{\"email\":\"c2VhbGVkLTE=\"}}";
  private static final String U1_SECOND = "{\"plan\":\"pro\",\"contact\":{\"_vault\":{\"phone\":\"c2VhbGVkLTI=\"}},"
      + "\"_vault\":{\"email\":\"c2VhbGVkLTM=\"}}";
  private static final String U2 = "{\"_vault\":{\"first_name\":\"c2VhbGVkLTQ=\"}}";
  private static final String U3 = "{\"country\":\"FR\"}";

  private DuckDBConnection c;
  private final SealedTraitsProjection projection = new SealedTraitsProjection(JSON);

  record Event(long logPosition, String type, String messageId, String event, String userId, String anonymousId,
      String previousId, String sessionId, String assetId, String mediaType, Double position, Double totalLength,
      Instant timestamp, String properties, String traits, String context) implements LoggedEvent {
    static Event identify(long pos, String user, String traits) {
      return new Event(pos, "identify", "m" + pos, null, user, null, null, null, null, null, null, null,
          T0.plusSeconds(pos), null, traits, null);
    }
  }

  private final List<LoggedEvent> events = List.of(
      Event.identify(1, "u1", U1_FIRST),
      new Event(2, "track", "m2", "Video Playback Started", "u1", null, null, null, "a1", "video", null, null,
          T0.plusSeconds(2), "{\"_vault\":{\"x\":\"eQ==\"}}", null, null),
      Event.identify(3, "u2", U2),
      Event.identify(4, "u3", U3),
      Event.identify(5, "u1", U1_SECOND));

  @BeforeEach
  void open() throws Exception {
    c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = c.createStatement()) {
      for (String sql : projection.schema()) {
        s.execute(sql);
      }
    }
  }

  @AfterEach
  void close() throws Exception {
    c.close();
  }

  private List<String> rows() throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT log_pos, user_id, observed_at, vault FROM sealed_traits ORDER BY log_pos")) {
      while (r.next()) {
        out.add(r.getLong(1) + " " + r.getString(2) + " " + r.getTimestamp(3).toLocalDateTime() + " "
            + JSON.readTree(r.getString(4)));
      }
    }
    return out;
  }

  private static final List<String> EXPECTED = List.of(
      "1 u1 2026-01-01T00:00:01 {\"email\":{\"field\":\"email\",\"sealed\":\"c2VhbGVkLTE=\"}}",
      "3 u2 2026-01-01T00:00:03 {\"first_name\":{\"field\":\"first_name\",\"sealed\":\"c2VhbGVkLTQ=\"}}",
      "5 u1 2026-01-01T00:00:05 {\"email\":{\"field\":\"email\",\"sealed\":\"c2VhbGVkLTM=\"},"
          + "\"contact.phone\":{\"field\":\"phone\",\"sealed\":\"c2VhbGVkLTI=\"}}");

  @Test
  void aBatchKeepsOneRowPerIdentifyEventWithSealedFieldsAndOnlyTheirCiphertext() throws Exception {
    projection.apply(new ProjectionBatch(c, events, 1, 6));

    assertThat(rows()).containsExactlyElementsOf(EXPECTED);
    assertThat(String.join("\n", rows())).doesNotContain("Ada", "pro", "FR");
  }

  @Test
  void aRebuildFromTheEventsTableGivesTheSameRowsAsTheBatches() throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE events(log_pos BIGINT, type VARCHAR, user_id VARCHAR, timestamp TIMESTAMP, traits JSON)");
      s.execute("INSERT INTO sealed_traits VALUES (99, 'stale', TIMESTAMP '2020-01-01', '{}')");
    }
    try (PreparedStatement p = c.prepareStatement("INSERT INTO events VALUES (?, ?, ?, ?, ?)")) {
      for (LoggedEvent e : events) {
        p.setLong(1, e.logPosition());
        p.setString(2, e.type());
        p.setString(3, e.userId());
        p.setObject(4, LocalDateTime.ofInstant(e.timestamp(), ZoneOffset.UTC));
        p.setString(5, e.traits());
        p.executeUpdate();
      }
    }

    projection.rebuild(c);

    assertThat(rows()).containsExactlyElementsOf(EXPECTED);
  }

  @Test
  void discardFromRemovesTheRowsOfAnInterruptedBatch() throws Exception {
    projection.apply(new ProjectionBatch(c, events, 1, 6));

    projection.discardFrom(c, 3);

    assertThat(rows()).containsExactly(EXPECTED.get(0));
  }

  @Test
  void anErasureDeletesEveryRowOfTheErasedUser() throws Exception {
    projection.apply(new ProjectionBatch(c, events, 1, 6));

    projection.erase(c, List.of("u1"));

    assertThat(rows()).containsExactly(EXPECTED.get(1));
  }
}
