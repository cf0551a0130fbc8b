package io.marquee.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcurrencySeriesTest {
  @Test
  void theMarks_areEveryFiveMinutesOfTheLast24Hours_endingAtNowRoundedDown() {
    List<Instant> marks = ConcurrencySeries.marks(Instant.parse("2026-12-01T10:57:31.250Z"));
    assertThat(marks).hasSize(288);
    assertThat(marks.get(marks.size() - 1)).isEqualTo(Instant.parse("2026-12-01T10:55:00Z"));
    assertThat(marks.get(0)).isEqualTo(Instant.parse("2026-11-30T11:00:00Z"));
  }

  @Test
  void theOpenSessionRuleNow_isTheSharedDefinition_atTheInstantWrittenIn() {
    String sql = ConcurrencySeries.openAt(Instant.parse("2026-12-01T10:57:31.250Z"));
    assertThat(sql).doesNotContain("?").contains("TIMESTAMP '2026-12-01 10:57:31.250000'").contains("v.closed")
        .contains("v.heartbeat_s");
    assertThat(sql.replace("TIMESTAMP '2026-12-01 10:57:31.250000'", "CAST(? AS TIMESTAMP)"))
        .isEqualTo(Definitions.OPEN_AT);
  }
}
