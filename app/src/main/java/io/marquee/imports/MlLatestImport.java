package io.marquee.imports;

import io.marquee.core.Catalog;
import io.marquee.core.EventSink;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One import of an ml-latest directory (ml-latest or ml-latest-small): movies.csv titles into the
 * catalog first, then the ratings.csv ratings. Columns are found by their header names.
 */
final class MlLatestImport {
  static final String RATINGS = "ratings.csv";
  static final String MOVIES = "movies.csv";

  private final Path dir;
  private final EventSink sink;
  private final Catalog catalog;
  private final ReportBuilder report = new ReportBuilder();

  MlLatestImport(Path dir, EventSink sink, Catalog catalog) {
    this.dir = dir;
    this.sink = sink;
    this.catalog = catalog;
  }

  ImportReport run() throws IOException, InterruptedException {
    importTitles();
    importRatings();
    return report.build();
  }

  private void importTitles() throws IOException {
    Path file = dir.resolve(MOVIES);
    TitleUpserter titles = new TitleUpserter(catalog, report);
    try (CsvReader in = new CsvReader(Inputs.utf8(file))) {
      CsvHeader header = CsvHeader.read(in, MOVIES, report, "movieId", "title", "genres");
      for (List<String> row = header.next(in); row != null; row = header.next(in)) {
        try {
          String id = MovieLensRows.id(header.get(row, "movieId"), "movieId");
          List<String> genres = Arrays.asList(header.get(row, "genres").split("\\|"));
          titles.add(MovieLensRows.film(id, header.get(row, "title"), genres, null));
        } catch (BadRowException e) {
          report.reject(header.where(in) + ": " + e.getMessage());
        }
      }
    } catch (CharacterCodingException e) {
      throw Inputs.notUtf8(file, e);
    }
    titles.flush();
  }

  private void importRatings() throws IOException, InterruptedException {
    Path file = dir.resolve(RATINGS);
    BatchSubmitter out = new BatchSubmitter(sink, report);
    try (CsvReader in = new CsvReader(Inputs.utf8(file))) {
      CsvHeader header =
          CsvHeader.read(in, RATINGS, report, "userId", "movieId", "rating", "timestamp");
      for (List<String> row = header.next(in); row != null; row = header.next(in)) {
        String where = header.where(in);
        try {
          String user = MovieLensRows.id(header.get(row, "userId"), "userId");
          String movie = MovieLensRows.id(header.get(row, "movieId"), "movieId");
          double rating = MovieLensRows.rating(header.get(row, "rating"));
          long time = MovieLensRows.epochSeconds(header.get(row, "timestamp"));
          out.add(MovieLensRows.ratingMessage(user, movie, rating, time), where);
        } catch (BadRowException e) {
          report.reject(where + ": " + e.getMessage());
        }
      }
    } catch (CharacterCodingException e) {
      throw Inputs.notUtf8(file, e);
    }
    out.flush();
  }
}
