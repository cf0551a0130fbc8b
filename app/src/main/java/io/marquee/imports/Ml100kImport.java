package io.marquee.imports;

import io.marquee.core.Catalog;
import io.marquee.core.EventSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One import of an ml-100k directory, read by {@link MovieLensData}: u.item titles into the catalog
 * first, then the u.data ratings, then one identify message per u.user row, timed at that user's
 * first rating.
 */
final class Ml100kImport {
  static final String RATINGS = MovieLensData.ML100K_RATINGS;
  static final String ITEMS = MovieLensData.ML100K_ITEMS;
  static final String USERS = MovieLensData.ML100K_USERS;

  /** When the data set was collected, for a user without ratings. */
  static final Instant COLLECTED = Instant.parse("1998-04-22T00:00:00Z");

  private final EventSink sink;
  private final Catalog catalog;
  private final ReportBuilder report = new ReportBuilder();
  private final MovieLensData data;

  Ml100kImport(Path dir, EventSink sink, Catalog catalog) {
    this.sink = sink;
    this.catalog = catalog;
    this.data = new MovieLensData(dir, true, report);
  }

  ImportReport run() throws IOException, InterruptedException {
    TitleUpserter titles = new TitleUpserter(catalog, report);
    data.titles((title, where) -> titles.add(title));
    titles.flush();
    List<MovieLensData.User> users = new ArrayList<>();
    List<String> userLines = new ArrayList<>();
    data.users((user, where) -> {
      users.add(user);
      userLines.add(where);
    });
    BatchSubmitter out = new BatchSubmitter(sink, report);
    Map<String, Long> firstRating = new HashMap<>();
    data.ratings((r, where) -> {
      firstRating.merge(r.userId(), r.epochSeconds(), Math::min);
      out.add(MovieLensRows.ratingMessage(r.userId(), r.movieId(), r.rating(), r.epochSeconds()), where);
    });
    for (int k = 0; k < users.size(); k++) {
      MovieLensData.User user = users.get(k);
      Long first = firstRating.get(user.userId());
      Instant at = first == null ? COLLECTED : Instant.ofEpochSecond(first);
      out.add(
          MovieLensRows.identifyMessage(
              user.userId(), user.age(), user.gender(), user.occupation(), user.zip(), at),
          userLines.get(k));
    }
    out.flush();
    return report.build();
  }
}
