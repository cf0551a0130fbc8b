package io.marquee.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OverviewCacheTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void figures_areReusedForUnderSixtySeconds_whileTheViewsAreUnchanged() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE views(written_pos BIGINT)");
      s.execute("INSERT INTO views VALUES (1)");
      OverviewCache<Integer> cache = new OverviewCache<>();
      AtomicInteger computed = new AtomicInteger();
      OverviewCache.Compute<Integer> compute = st -> computed.incrementAndGet();

      assertThat(cache.get(s, "a", T0, compute).value()).isEqualTo(1);
      assertThat(cache.get(s, "a", T0.plusSeconds(59), compute).value()).isEqualTo(1);
      assertThat(cache.get(s, "a", T0.plusSeconds(59), compute).at()).isEqualTo(T0);
      assertThat(cache.get(s, "b", T0, compute).value()).as("another range").isEqualTo(2);
      assertThat(cache.get(s, "a", T0.plusSeconds(60), compute).value()).as("60 s old").isEqualTo(3);

      s.execute("INSERT INTO views VALUES (2)");
      assertThat(cache.get(s, "a", T0.plusSeconds(61), compute).value()).as("a new view").isEqualTo(4);
      s.execute("DELETE FROM views WHERE written_pos = 1");
      assertThat(cache.get(s, "a", T0.plusSeconds(62), compute).value()).as("an erased view").isEqualTo(5);
    }
  }

  @Test
  void onlyTheMostRecentRanges_areKept() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE views(written_pos BIGINT)");
      OverviewCache<Integer> cache = new OverviewCache<>();
      AtomicInteger computed = new AtomicInteger();
      for (int i = 0; i <= OverviewCache.ENTRIES; i++) {
        cache.get(s, "r" + i, T0, st -> computed.incrementAndGet());
      }
      cache.get(s, "r" + OverviewCache.ENTRIES, T0, st -> computed.incrementAndGet());
      assertThat(computed.get()).isEqualTo(OverviewCache.ENTRIES + 1);
      cache.get(s, "r0", T0, st -> computed.incrementAndGet());
      assertThat(computed.get()).as("the oldest was dropped").isEqualTo(OverviewCache.ENTRIES + 2);
    }
  }
}
