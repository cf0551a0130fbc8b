package io.marquee.imports;

import io.marquee.core.Catalog;
import io.marquee.core.EventSink;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One import of an ml-latest directory (ml-latest or ml-latest-small), read by {@link
 * MovieLensData}: movies.csv titles into the catalog first, then the ratings.csv ratings. Columns
 * are found by their header names.
 */
final class MlLatestImport {
  static final String RATINGS = MovieLensData.LATEST_RATINGS;
  static final String MOVIES = MovieLensData.LATEST_MOVIES;

  private final EventSink sink;
  private final Catalog catalog;
  private final ReportBuilder report = new ReportBuilder();
  private final MovieLensData data;

  MlLatestImport(Path dir, EventSink sink, Catalog catalog) {
    this.sink = sink;
    this.catalog = catalog;
    this.data = new MovieLensData(dir, false, report);
  }

  ImportReport run() throws IOException, InterruptedException {
    TitleUpserter titles = new TitleUpserter(catalog, report);
    data.titles((title, where) -> titles.add(title));
    titles.flush();
    BatchSubmitter out = new BatchSubmitter(sink, report);
    data.ratings((r, where) ->
        out.add(MovieLensRows.ratingMessage(r.userId(), r.movieId(), r.rating(), r.epochSeconds()), where));
    out.flush();
    return report.build();
  }
}
