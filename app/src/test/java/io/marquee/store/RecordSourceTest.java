package io.marquee.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.core.EventRecord;
import io.marquee.log.LogRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the loader promises a {@link RecordSource} that keeps positions of its own (the Kafka source):
 * they are written in the batch's transaction, rolled back with it, and recorded even for a read that
 * returned no record.
 */
class RecordSourceTest {
  @TempDir Path dir;

  private static byte[] event(String messageId) {
    byte[] json = ("{\"type\":\"track\",\"event\":\"Clicked\",\"userId\":\"u1\",\"messageId\":\"" + messageId + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    long now = System.currentTimeMillis() * 1000;
    return EventRecord.encode(now, now, EventRecord.NO_TIME, "src", messageId, "track", json, 0, json.length);
  }

  /**
   * A source whose own position is an offset kept in {@code source_offset}: each read hands out the
   * next scripted batch (message ids; an empty batch stands for duplicates only, still advancing).
   */
  private static final class Scripted implements RecordSource {
    final ArrayDeque<List<String>> batches = new ArrayDeque<>();
    final List<String> calls = new ArrayList<>();
    long offset;
    long readOffset;
    List<String> last = List.of();

    @Override
    public long resumePosition(DuckDBConnection c, long stored) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS source_offset (next_offset BIGINT)");
      }
      return stored;
    }

    @Override
    public List<LogRecord> read(long from, int maxRecords, long maxBytes) {
      last = batches.isEmpty() ? null : batches.peek();
      if (last == null) {
        return List.of();
      }
      readOffset = offset + Math.max(1, last.size());
      List<LogRecord> out = new ArrayList<>();
      for (String id : last) {
        out.add(new LogRecord(from, from + 1, event(id)));
        from++;
      }
      return out;
    }

    @Override
    public boolean pending() {
      return last != null;
    }

    @Override
    public void record(DuckDBConnection c) throws SQLException {
      calls.add("record");
      try (Statement s = c.createStatement()) {
        s.execute("DELETE FROM source_offset");
        s.execute("INSERT INTO source_offset VALUES (" + readOffset + ")");
      }
    }

    @Override
    public void committed(long to) {
      calls.add("committed " + to);
      batches.poll();
      offset = readOffset;
      last = null;
    }

    @Override
    public void rolledBack() {
      calls.add("rolledBack");
      last = null;
    }

    @Override
    public long durablePosition() {
      return 0;
    }

    @Override
    public void onDurable(LongConsumer listener) {
    }
  }

  private static long storedOffset(Store store) throws SQLException {
    try (Statement s = store.writer().createStatement();
        ResultSet r = s.executeQuery("SELECT coalesce(max(next_offset), -1) FROM source_offset")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static List<Long> positions(Store store) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (Statement s = store.writer().createStatement();
        ResultSet r = s.executeQuery("SELECT log_pos FROM events ORDER BY log_pos")) {
      while (r.next()) {
        out.add(r.getLong(1));
      }
    }
    return out;
  }

  @Test
  void batch_keepsTheSourcesLocalPositions_andCommitsItsOwnPositionWithTheRows() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Scripted source = new Scripted();
    try (Store store = Store.open(dir.resolve("store"))) {
      StoreLoader loader = new StoreLoader(store, source, json, 1000, null, null, Projections.standard(json));
      loader.recover();
      source.batches.add(List.of("m1", "m2", "m3"));

      assertThat(loader.applyNext()).isTrue();

      assertThat(positions(store)).containsExactly(0L, 1L, 2L);
      assertThat(store.appliedPosition()).isEqualTo(3);
      assertThat(storedOffset(store)).isEqualTo(3);
      assertThat(source.calls).containsExactly("record", "committed 3");
      assertThat(store.count("views") + store.count("profiles")).as("the projections ran on it").isPositive();
    }
  }

  @Test
  void failedBatch_rollsBackTheSourcesPosition_withTheRows_andTheRetryAppliesIt() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Scripted source = new Scripted();
    boolean[] fail = {true};
    Projection failing = new Projection() {
      @Override
      public String name() {
        return "failing";
      }

      @Override
      public int version() {
        return 1;
      }

      @Override
      public List<String> schema() {
        return List.of();
      }

      @Override
      public void apply(ProjectionBatch batch) throws SQLException {
        if (fail[0]) {
          fail[0] = false;
          throw new SQLException("this batch fails");
        }
      }

      @Override
      public void rebuild(java.sql.Connection c) {
      }

      @Override
      public void erase(java.sql.Connection c, java.util.Collection<String> ids) {
      }
    };
    try (Store store = Store.open(dir.resolve("store"))) {
      List<Projection> projections = new ArrayList<>(Projections.standard(json));
      projections.add(failing);
      StoreLoader loader = new StoreLoader(store, source, json, 1000, null, null, projections);
      loader.recover();
      source.batches.add(List.of("m1", "m2"));

      assertThatThrownBy(loader::applyNext).hasMessageContaining("this batch fails");
      assertThat(source.calls).containsExactly("rolledBack");
      assertThat(store.count("events")).isZero();
      assertThat(storedOffset(store)).as("the source's position rolled back with the rows").isEqualTo(-1);

      assertThat(loader.applyNext()).isTrue();
      assertThat(positions(store)).containsExactly(0L, 1L);
      assertThat(storedOffset(store)).isEqualTo(2);
    }
  }

  @Test
  void readOfDuplicatesOnly_recordsTheSourcesPosition_andLeavesTheLocalPositionAlone() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Scripted source = new Scripted();
    try (Store store = Store.open(dir.resolve("store"))) {
      StoreLoader loader = new StoreLoader(store, source, json, 1000, null, null, Projections.standard(json));
      loader.recover();
      source.batches.add(List.of("m1"));
      loader.applyNext();
      source.batches.add(List.of());

      assertThat(loader.applyNext()).as("nothing applied").isFalse();

      assertThat(storedOffset(store)).isEqualTo(2);
      assertThat(store.appliedPosition()).isEqualTo(1);
      assertThat(loader.appliedPosition()).isEqualTo(1);
      assertThat(source.calls).containsExactly("record", "committed 1", "record", "committed 1");
    }
  }
}
