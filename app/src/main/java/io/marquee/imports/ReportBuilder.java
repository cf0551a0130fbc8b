package io.marquee.imports;

import java.util.ArrayList;
import java.util.List;

/** The running counts of one import, turned into an {@link ImportReport} at the end. */
final class ReportBuilder {
  private long read;
  private long accepted;
  private long duplicates;
  private long rejected;
  private long titles;
  private final List<String> errors = new ArrayList<>();

  /** Counts one record read from the input. */
  void read() {
    read++;
  }

  /** Counts one record that did not get in; {@code error} names its file and line. */
  void reject(String error) {
    rejected++;
    if (errors.size() < ImportReport.MAX_ERRORS) {
      errors.add(error);
    }
  }

  void accepted(long count, long duplicateCount) {
    accepted += count;
    duplicates += duplicateCount;
  }

  void titles(long count) {
    titles += count;
  }

  ImportReport build() {
    return new ImportReport(read, accepted, duplicates, rejected, errors, titles);
  }
}
