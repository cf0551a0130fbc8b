package io.marquee.imports;

import io.marquee.core.Catalog;
import io.marquee.core.EventSink;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The importer of a MovieLens data set directory: its movies become catalog titles, its ratings
 * become {@code Content Rated} track messages and (ml-100k only) its users become identify
 * messages.
 *
 * <p>Ids are prefixed {@code ml-} (user {@code ml-196}, asset {@code ml-242}) and messageIds are
 * derived from the data ({@code ml:196:242}, {@code ml:user:196}), so importing the same
 * directory again yields only duplicates. The catalog is written before any rating is submitted.
 */
public final class MovieLensImporter {
  private static final List<String> ML_100K_FILES =
      List.of(Ml100kImport.RATINGS, Ml100kImport.ITEMS, Ml100kImport.USERS);
  private static final List<String> ML_LATEST_FILES =
      List.of(MlLatestImport.RATINGS, MlLatestImport.MOVIES);

  private final EventSink sink;
  private final Catalog catalog;

  public MovieLensImporter(EventSink sink, Catalog catalog) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /**
   * Imports a directory, detecting its layout: ml-100k (u.data tab-separated user, item, rating,
   * epoch seconds; u.user pipe-separated id|age|gender|occupation|zip; u.item pipe-separated
   * id|title|release date|video release|IMDb url|19 genre flags, ISO-8859-1 encoded) or ml-latest
   * (ratings.csv userId,movieId,rating,timestamp with a header; movies.csv movieId,title,genres,
   * UTF-8, titles quoted when they contain commas, genres "|"-separated; no users file).
   *
   * <p>Malformed rows are reported in the result, each naming its file and line, and skipped.
   *
   * @throws IOException when the directory is neither layout, or lacks a file its layout needs;
   *     the message lists the files looked for
   * @throws InterruptedException when interrupted while waiting for the pipeline; batches
   *     submitted before then stay imported
   */
  public ImportReport importDirectory(Path dir) throws IOException, InterruptedException {
    boolean ml100k = Files.isRegularFile(dir.resolve(Ml100kImport.RATINGS));
    boolean mlLatest = Files.isRegularFile(dir.resolve(MlLatestImport.RATINGS));
    if (ml100k && mlLatest) {
      throw new IOException(
          dir + " holds both an ml-100k data set (u.data) and an ml-latest one (ratings.csv);"
              + " keep one per directory");
    }
    if (ml100k) {
      requireAll(dir, "ml-100k", ML_100K_FILES);
      return new Ml100kImport(dir, sink, catalog).run();
    }
    if (mlLatest) {
      requireAll(dir, "ml-latest", ML_LATEST_FILES);
      return new MlLatestImport(dir, sink, catalog).run();
    }
    throw new IOException(
        dir + " is not a MovieLens directory: looked for ml-100k files "
            + String.join(", ", ML_100K_FILES) + " or ml-latest files "
            + String.join(", ", ML_LATEST_FILES) + hint(dir));
  }

  private static void requireAll(Path dir, String layout, List<String> files) throws IOException {
    List<String> missing = new ArrayList<>();
    for (String file : files) {
      if (!Files.isRegularFile(dir.resolve(file))) {
        missing.add(file);
      }
    }
    if (!missing.isEmpty()) {
      throw new IOException(
          dir + " looks like an " + layout + " data set but lacks " + String.join(", ", missing)
              + " (an " + layout + " directory has " + String.join(", ", files) + ")");
    }
  }

  /** Points at subdirectories that are data sets, for when the user named their parent. */
  private static String hint(Path dir) {
    if (!Files.isDirectory(dir)) {
      return "; it is not a directory";
    }
    List<String> found = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
      for (Path child : children) {
        if (Files.isRegularFile(child.resolve(Ml100kImport.RATINGS))
            || Files.isRegularFile(child.resolve(MlLatestImport.RATINGS))) {
          found.add(child.toString());
        }
      }
    } catch (IOException e) {
      return "";
    }
    found.sort(null);
    return found.isEmpty() ? "" : "; did you mean " + String.join(" or ", found) + "?";
  }
}
