package io.marquee.imports;

import io.marquee.core.Title;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader of a MovieLens data set directory, in either layout: ml-100k ({@code u.data},
 * {@code u.item}, {@code u.user}) or ml-latest ({@code ratings.csv}, {@code movies.csv}). Both the
 * import ({@link MovieLensImporter}) and the offline evaluation ({@code marquee evaluate}) read
 * through it, so the evaluation measures exactly the titles, genres, ratings and users that are
 * served after an import.
 *
 * <p>Rows come out already mapped to the platform: titles as {@link Title} with {@code ml-} asset
 * ids and genres in the platform's vocabulary ({@link MovieLensRows#genre}), ratings and users with
 * canonical ids. A malformed row is counted as rejected (naming its file and line, see {@link
 * #report}) and skipped. Each file is read when asked for; a missing optional file gives no rows.
 */
public final class MovieLensData {
  /** One rating: ids without the {@code ml-} prefix; 0.5 to 5 stars; seconds since 1970 UTC. */
  public record Rating(String userId, String movieId, double rating, long epochSeconds) {
    /** The rated title's asset id, as imported ({@code ml-242}). */
    public String assetId() {
      return MovieLensRows.PREFIX + movieId;
    }

    /** The rating user's id, as imported ({@code ml-196}). */
    public String user() {
      return MovieLensRows.PREFIX + userId;
    }
  }

  /**
   * One ml-100k user (id without prefix).
   *
   * @param gender {@code female} or {@code male}, as imported into identify traits
   */
  public record User(String userId, int age, String gender, String occupation, String zip) {
    /** The user's id, as imported ({@code ml-196}). */
    public String user() {
      return MovieLensRows.PREFIX + userId;
    }
  }

  /** Receives the rows of one file, each with where it was read ("u.data line 7"). */
  @FunctionalInterface
  public interface Sink<T> {
    void accept(T row, String where) throws InterruptedException;
  }

  static final String ML100K_RATINGS = "u.data";
  static final String ML100K_ITEMS = "u.item";
  static final String ML100K_USERS = "u.user";
  static final String LATEST_RATINGS = "ratings.csv";
  static final String LATEST_MOVIES = "movies.csv";

  /** The 19 genre flags of u.item, in order (as listed in u.genre). */
  private static final List<String> GENRES =
      List.of(
          "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
          "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery",
          "Romance", "Sci-Fi", "Thriller", "War", "Western");

  private static final int ITEM_FIELDS = 5 + 19;
  private static final Pattern RELEASE_DATE = Pattern.compile("[0-9]{2}-[A-Za-z]{3}-([0-9]{4})");

  private final Path dir;
  private final boolean ml100k;
  private final ReportBuilder report;

  MovieLensData(Path dir, boolean ml100k, ReportBuilder report) {
    this.dir = dir;
    this.ml100k = ml100k;
    this.report = report;
  }

  /**
   * The data set in {@code dir}, by its ratings file: {@code u.data} (ml-100k) or {@code
   * ratings.csv} (ml-latest, ml-latest-small, ml-25m).
   *
   * @throws IOException when {@code dir} holds neither, or both
   */
  public static MovieLensData open(Path dir) throws IOException {
    boolean ml100k = Files.isRegularFile(dir.resolve(ML100K_RATINGS));
    boolean latest = Files.isRegularFile(dir.resolve(LATEST_RATINGS));
    if (ml100k == latest) {
      throw new IOException(dir + (ml100k ? " holds both u.data (ml-100k) and ratings.csv (ml-latest)"
          : " holds neither u.data (ml-100k) nor ratings.csv (ml-latest)"));
    }
    return new MovieLensData(dir, ml100k, new ReportBuilder());
  }

  /** Rows read and rejected so far, with the first errors. */
  public ImportReport report() {
    return report.build();
  }

  /** The catalog: u.item or movies.csv, in file order; nothing when the file is absent. */
  public void titles(Sink<Title> out) throws IOException, InterruptedException {
    if (ml100k) {
      eachLine(ML100K_ITEMS, (where, text) -> out.accept(title100k(MovieLensRows.split(text, '|')), where));
    } else if (Files.isRegularFile(dir.resolve(LATEST_MOVIES))) {
      eachCsvRow(LATEST_MOVIES, new String[] {"movieId", "title", "genres"}, (header, row, where) -> {
        String id = MovieLensRows.id(header.get(row, "movieId"), "movieId");
        List<String> genres = Arrays.asList(header.get(row, "genres").split("\\|"));
        out.accept(MovieLensRows.film(id, header.get(row, "title"), genres, null), where);
      });
    }
  }

  /** Every rating, in file order. */
  public void ratings(Sink<Rating> out) throws IOException, InterruptedException {
    if (ml100k) {
      eachLine(ML100K_RATINGS, (where, text) -> {
        String[] f = MovieLensRows.split(text, '\t');
        if (f.length != 4) {
          throw new BadRowException("expected 4 tab-separated fields, found " + f.length);
        }
        out.accept(rating(f[0], f[1], f[2], f[3], "user id", "movie id"), where);
      });
    } else {
      eachCsvRow(LATEST_RATINGS, new String[] {"userId", "movieId", "rating", "timestamp"},
          (header, row, where) -> out.accept(rating(header.get(row, "userId"), header.get(row, "movieId"),
              header.get(row, "rating"), header.get(row, "timestamp"), "userId", "movieId"), where));
    }
  }

  /** The users of u.user (ml-100k only; ml-latest has none), in file order. */
  public void users(Sink<User> out) throws IOException, InterruptedException {
    if (ml100k) {
      eachLine(ML100K_USERS, (where, text) -> out.accept(user(MovieLensRows.split(text, '|')), where));
    }
  }

  private static Rating rating(String user, String movie, String stars, String time, String userField,
      String movieField) throws BadRowException {
    return new Rating(MovieLensRows.id(user, userField), MovieLensRows.id(movie, movieField),
        MovieLensRows.rating(stars), MovieLensRows.epochSeconds(time));
  }

  private static Title title100k(String[] f) throws BadRowException {
    if (f.length != ITEM_FIELDS) {
      throw new BadRowException(
          "expected " + ITEM_FIELDS + " '|'-separated fields, found " + f.length);
    }
    String id = MovieLensRows.id(f[0], "movie id");
    List<String> genres = new ArrayList<>();
    for (int g = 0; g < GENRES.size(); g++) {
      String flag = f[5 + g].trim();
      if (flag.equals("1")) {
        genres.add(GENRES.get(g));
      } else if (!flag.equals("0")) {
        throw new BadRowException(
            "genre flag " + GENRES.get(g) + " is " + BadRowException.quote(f[5 + g]) + ", expected 0 or 1");
      }
    }
    Matcher released = RELEASE_DATE.matcher(f[2].trim());
    Integer releaseYear = released.matches() ? Integer.valueOf(released.group(1)) : null;
    // Movie 267 is a placeholder named "unknown" with no date: leave its name unknown too.
    String name = f[1].trim().equals("unknown") && f[2].isBlank() ? null : f[1];
    return MovieLensRows.film(id, name, genres, releaseYear);
  }

  private static User user(String[] f) throws BadRowException {
    if (f.length != 5) {
      throw new BadRowException("expected 5 '|'-separated fields, found " + f.length);
    }
    String id = MovieLensRows.id(f[0], "user id");
    int age;
    try {
      age = Integer.parseInt(f[1].trim());
    } catch (NumberFormatException e) {
      throw new BadRowException("age " + BadRowException.quote(f[1]) + " is not a whole number");
    }
    if (age < 0 || age > 150) {
      throw new BadRowException("age " + age + " is outside 0 to 150");
    }
    String gender = switch (f[2].trim()) {
      case "F" -> "female";
      case "M" -> "male";
      default -> throw new BadRowException("gender " + BadRowException.quote(f[2]) + " is neither F nor M");
    };
    return new User(id, age, gender, f[3], f[4]);
  }

  /** One non-blank line of an ml-100k file, with where it is. */
  @FunctionalInterface
  private interface LineHandler {
    void handle(String where, String text) throws BadRowException, InterruptedException;
  }

  /**
   * Reads each non-blank line of an ml-100k {@code file} (ISO-8859-1: u.item has accented titles;
   * bounded by {@link Lines}), counts it, and reports a line that is too long or that {@code
   * handler} refuses, with file and line. An absent file has no lines.
   */
  private void eachLine(String file, LineHandler handler) throws IOException, InterruptedException {
    Path path = dir.resolve(file);
    if (!Files.isRegularFile(path)) {
      return;
    }
    try (Lines in = new Lines(Files.newBufferedReader(path, StandardCharsets.ISO_8859_1))) {
      long line = 0;
      while (true) {
        String where = file + " line " + ++line;
        try {
          String text = in.next();
          if (text == null) {
            return;
          }
          if (text.isBlank()) {
            continue;
          }
          report.read();
          handler.handle(where, text);
        } catch (Lines.TooLongException e) {
          report.read();
          report.reject(where + ": " + e.getMessage());
        } catch (BadRowException e) {
          report.reject(where + ": " + e.getMessage());
        }
      }
    }
  }

  /** One data row of a CSV file with its header. */
  @FunctionalInterface
  private interface RowHandler {
    void handle(CsvHeader header, List<String> row, String where)
        throws BadRowException, InterruptedException;
  }

  /** Reads a UTF-8 CSV file whose header names {@code required}; bad rows are reported. */
  private void eachCsvRow(String file, String[] required, RowHandler handler)
      throws IOException, InterruptedException {
    Path path = dir.resolve(file);
    try (CsvReader in = new CsvReader(Inputs.utf8(path))) {
      CsvHeader header = CsvHeader.read(in, file, report, required);
      for (List<String> row = header.next(in); row != null; row = header.next(in)) {
        String where = header.where(in);
        try {
          handler.handle(header, row, where);
        } catch (BadRowException e) {
          report.reject(where + ": " + e.getMessage());
        }
      }
    } catch (CharacterCodingException e) {
      throw Inputs.notUtf8(path, e);
    }
  }
}
