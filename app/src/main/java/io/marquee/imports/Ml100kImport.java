package io.marquee.imports;

import io.marquee.core.Catalog;
import io.marquee.core.EventSink;
import io.marquee.core.Title;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One import of an ml-100k directory: u.item titles into the catalog first, then the u.data
 * ratings, then one identify message per u.user row, timed at that user's first rating.
 */
final class Ml100kImport {
  static final String RATINGS = "u.data";
  static final String ITEMS = "u.item";
  static final String USERS = "u.user";

  /** When the data set was collected, for a user without ratings. */
  static final Instant COLLECTED = Instant.parse("1998-04-22T00:00:00Z");

  /** The 19 genre flags of u.item, in order (as listed in u.genre). */
  private static final List<String> GENRES =
      List.of(
          "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
          "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery",
          "Romance", "Sci-Fi", "Thriller", "War", "Western");

  private static final int ITEM_FIELDS = 5 + 19;
  private static final Pattern RELEASE_DATE = Pattern.compile("[0-9]{2}-[A-Za-z]{3}-([0-9]{4})");

  private final Path dir;
  private final EventSink sink;
  private final Catalog catalog;
  private final ReportBuilder report = new ReportBuilder();

  private record User(
      long line, String id, int age, String gender, String occupation, String zip) {}

  Ml100kImport(Path dir, EventSink sink, Catalog catalog) {
    this.dir = dir;
    this.sink = sink;
    this.catalog = catalog;
  }

  ImportReport run() throws IOException, InterruptedException {
    importTitles();
    List<User> users = readUsers();
    BatchSubmitter out = new BatchSubmitter(sink, report);
    Map<String, Long> firstRating = importRatings(out);
    for (User user : users) {
      Long first = firstRating.get(user.id());
      Instant at = first == null ? COLLECTED : Instant.ofEpochSecond(first);
      out.add(
          MovieLensRows.identifyMessage(
              user.id(), user.age(), user.gender(), user.occupation(), user.zip(), at),
          USERS + " line " + user.line());
    }
    out.flush();
    return report.build();
  }

  /** One non-blank line of an ml-100k file, with its number. */
  @FunctionalInterface
  private interface LineHandler {
    void handle(long line, String text) throws BadRowException, InterruptedException;
  }

  /**
   * Reads each non-blank line of {@code file} (bounded by {@link Lines}), counts it, and reports a
   * line that is too long or that {@code handler} refuses, with file and line.
   */
  private void eachLine(String file, LineHandler handler) throws IOException, InterruptedException {
    try (Lines in = new Lines(open(file))) {
      long line = 0;
      while (true) {
        String text;
        try {
          line++;
          text = in.next();
          if (text == null) {
            return;
          }
          if (text.isBlank()) {
            continue;
          }
          report.read();
          handler.handle(line, text);
        } catch (Lines.TooLongException e) {
          report.read();
          report.reject(file + " line " + line + ": " + e.getMessage());
        } catch (BadRowException e) {
          report.reject(file + " line " + line + ": " + e.getMessage());
        }
      }
    }
  }

  private void importTitles() throws IOException, InterruptedException {
    TitleUpserter titles = new TitleUpserter(catalog, report);
    eachLine(ITEMS, (line, text) -> titles.add(title(MovieLensRows.split(text, '|'))));
    titles.flush();
  }

  private static Title title(String[] f) throws BadRowException {
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

  private List<User> readUsers() throws IOException, InterruptedException {
    List<User> users = new ArrayList<>();
    eachLine(USERS, (line, text) -> users.add(user(line, MovieLensRows.split(text, '|'))));
    return users;
  }

  private static User user(long line, String[] f) throws BadRowException {
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
    String gender;
    switch (f[2].trim()) {
      case "F":
        gender = "female";
        break;
      case "M":
        gender = "male";
        break;
      default:
        throw new BadRowException("gender " + BadRowException.quote(f[2]) + " is neither F nor M");
    }
    return new User(line, id, age, gender, f[3], f[4]);
  }

  /** The ml-100k files are ISO-8859-1 (u.item has accented titles). */
  private java.io.Reader open(String file) throws IOException {
    return Files.newBufferedReader(dir.resolve(file), StandardCharsets.ISO_8859_1);
  }

  /** Submits every rating; returns each user's earliest rating time, in epoch seconds. */
  private Map<String, Long> importRatings(BatchSubmitter out)
      throws IOException, InterruptedException {
    Map<String, Long> firstRating = new HashMap<>();
    eachLine(RATINGS, (line, text) -> {
      String[] f = MovieLensRows.split(text, '\t');
      if (f.length != 4) {
        throw new BadRowException("expected 4 tab-separated fields, found " + f.length);
      }
      String user = MovieLensRows.id(f[0], "user id");
      String movie = MovieLensRows.id(f[1], "movie id");
      double rating = MovieLensRows.rating(f[2]);
      long time = MovieLensRows.epochSeconds(f[3]);
      firstRating.merge(user, time, Math::min);
      out.add(MovieLensRows.ratingMessage(user, movie, rating, time), RATINGS + " line " + line);
    });
    return firstRating;
  }
}
