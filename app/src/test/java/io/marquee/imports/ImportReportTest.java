package io.marquee.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The human summary of an import. */
class ImportReportTest {

  @Test
  void summaryCountsOnOneLine() {
    ImportReport report = new ImportReport(102_625, 100_943, 943, 0, List.of(), 1_682);

    assertThat(report.summary())
        .isEqualTo(
            "read 102,625 records: 100,943 events accepted (943 duplicates), 1,682 titles,"
                + " 0 rejected");
  }

  @Test
  void summaryListsErrorsAndHowManyMore() {
    ReportBuilder builder = new ReportBuilder();
    for (int i = 1; i <= 25; i++) {
      builder.read();
      builder.reject("u.data line " + i + ": bad");
    }
    ImportReport report = builder.build();

    assertThat(report.errors()).hasSize(20);
    assertThat(report.rejected()).isEqualTo(25);
    assertThat(report.summary().lines())
        .hasSize(22)
        .startsWith("read 25 records: 0 events accepted (0 duplicates), 0 titles, 25 rejected",
            "  u.data line 1: bad")
        .endsWith("  u.data line 20: bad", "  ... and 5 more");
  }
}
