package io.marquee.imports;

import io.marquee.core.Catalog;
import io.marquee.core.Title;
import java.util.ArrayList;
import java.util.List;

/** A buffer that writes titles to the {@link Catalog} in batches and counts them in the report. */
final class TitleUpserter {
  private final Catalog catalog;
  private final ReportBuilder report;
  private List<Title> titles = new ArrayList<>();

  TitleUpserter(Catalog catalog, ReportBuilder report) {
    this.catalog = catalog;
    this.report = report;
  }

  void add(Title title) {
    titles.add(title);
    if (titles.size() >= BatchSubmitter.BATCH_SIZE) {
      flush();
    }
  }

  /** Writes whatever is queued. */
  void flush() {
    if (titles.isEmpty()) {
      return;
    }
    List<Title> batch = titles;
    titles = new ArrayList<>();
    catalog.upsert(batch);
    report.titles(batch.size());
  }
}
