package io.marquee.recommend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A MovieLens data set read straight from its files, in either layout: ml-100k ({@code u.data},
 * tab-separated user, item, rating, timestamp; optional {@code u.item} and {@code u.user} for
 * genres, titles and demographics) or ml-latest / ml-latest-small / ml-25m ({@code ratings.csv}
 * with a header; optional {@code movies.csv} for genres and titles).
 *
 * <p>Ratings keep file order; users and items are indexed in order of first appearance.
 */
final class MovieLens {
  final IdIndex users;
  final IdIndex items;
  final int[] user;
  final int[] item;
  final float[] rating;
  final long[] time;
  final ItemFeatures features;
  final UserProfile[] profiles;

  private MovieLens(IdIndex users, IdIndex items, int[] user, int[] item, float[] rating,
      long[] time, ItemFeatures features, UserProfile[] profiles) {
    this.users = users;
    this.items = items;
    this.user = user;
    this.item = item;
    this.rating = rating;
    this.time = time;
    this.features = features;
    this.profiles = profiles;
  }

  int size() {
    return user.length;
  }

  static MovieLens read(Path dir) {
    try {
      if (Files.isRegularFile(dir.resolve("u.data"))) {
        return read100k(dir);
      }
      if (Files.isRegularFile(dir.resolve("ratings.csv"))) {
        return readLatest(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalArgumentException(
        dir + " holds neither u.data (ml-100k) nor ratings.csv (ml-latest)");
  }

  /** Parsed rating rows before indexing. */
  private static final class Rows {
    final List<String> users = new ArrayList<>();
    final List<String> items = new ArrayList<>();
    final Map<String, Integer> userIndex = new HashMap<>();
    final Map<String, Integer> itemIndex = new HashMap<>();
    int[] user = new int[1 << 16];
    int[] item = new int[1 << 16];
    float[] rating = new float[1 << 16];
    long[] time = new long[1 << 16];
    int n;

    void add(String u, String i, String r, String t) {
      if (n == user.length) {
        user = Arrays.copyOf(user, 2 * n);
        item = Arrays.copyOf(item, 2 * n);
        rating = Arrays.copyOf(rating, 2 * n);
        time = Arrays.copyOf(time, 2 * n);
      }
      user[n] = index(u, users, userIndex);
      item[n] = index(i, items, itemIndex);
      rating[n] = Float.parseFloat(r);
      time[n] = Long.parseLong(t);
      n++;
    }

    private static int index(String id, List<String> ids, Map<String, Integer> index) {
      return index.computeIfAbsent(id, k -> {
        ids.add(k);
        return ids.size() - 1;
      });
    }
  }

  private static MovieLens read100k(Path dir) throws IOException {
    Rows rows = new Rows();
    forEachLine(dir.resolve("u.data"), StandardCharsets.ISO_8859_1, false, line -> {
      String[] f = line.split("\t");
      if (f.length >= 4) {
        rows.add(f[0].trim(), f[1].trim(), f[2].trim(), f[3].trim());
      }
    });
    IdIndex items = new IdIndex(rows.items);
    IdIndex users = new IdIndex(rows.users);
    ItemFeatures.Builder features = ItemFeatures.builder(items);
    Path genreFile = dir.resolve("u.genre");
    Path itemFile = dir.resolve("u.item");
    if (Files.isRegularFile(genreFile) && Files.isRegularFile(itemFile)) {
      List<String> genreNames = new ArrayList<>();
      forEachLine(genreFile, StandardCharsets.ISO_8859_1, false, line -> {
        String[] f = line.split("\\|");
        if (f.length == 2) {
          genreNames.add(f[0]);
        }
      });
      forEachLine(itemFile, StandardCharsets.ISO_8859_1, false, line -> {
        String[] f = line.split("\\|", -1);
        int i = f.length >= 5 ? items.indexOf(f[0]) : -1;
        if (i >= 0) {
          List<String> genres = new ArrayList<>();
          for (int g = 0; g < genreNames.size() && 5 + g < f.length; g++) {
            if (f[5 + g].equals("1") && !genreNames.get(g).equals("unknown")) {
              genres.add(genreNames.get(g));
            }
          }
          features.set(i, f[1], genres, null, null, "video");
        }
      });
    }
    UserProfile[] profiles = new UserProfile[users.size()];
    Path userFile = dir.resolve("u.user");
    if (Files.isRegularFile(userFile)) {
      forEachLine(userFile, StandardCharsets.ISO_8859_1, false, line -> {
        String[] f = line.split("\\|");
        int u = f.length >= 3 ? users.indexOf(f[0]) : -1;
        if (u >= 0) {
          profiles[u] = new UserProfile(Integer.parseInt(f[1].trim()), f[2], "US", List.of());
        }
      });
    }
    return rows(rows, users, items, features.build(), profiles);
  }

  private static MovieLens readLatest(Path dir) throws IOException {
    Rows rows = new Rows();
    forEachLine(dir.resolve("ratings.csv"), StandardCharsets.UTF_8, true, line -> {
      String[] f = line.split(",");
      if (f.length >= 4) {
        rows.add(f[0].trim(), f[1].trim(), f[2].trim(), f[3].trim());
      }
    });
    IdIndex items = new IdIndex(rows.items);
    IdIndex users = new IdIndex(rows.users);
    ItemFeatures.Builder features = ItemFeatures.builder(items);
    Path movieFile = dir.resolve("movies.csv");
    if (Files.isRegularFile(movieFile)) {
      forEachLine(movieFile, StandardCharsets.UTF_8, true, line -> {
        List<String> f = csvFields(line);
        int i = f.size() >= 3 ? items.indexOf(f.get(0)) : -1;
        if (i >= 0) {
          List<String> genres = f.get(2).equals("(no genres listed)")
              ? List.of() : List.of(f.get(2).split("\\|"));
          features.set(i, f.get(1), genres, null, null, "video");
        }
      });
    }
    return rows(rows, users, items, features.build(), new UserProfile[users.size()]);
  }

  private static MovieLens rows(Rows r, IdIndex users, IdIndex items, ItemFeatures features,
      UserProfile[] profiles) {
    return new MovieLens(users, items, Arrays.copyOf(r.user, r.n), Arrays.copyOf(r.item, r.n),
        Arrays.copyOf(r.rating, r.n), Arrays.copyOf(r.time, r.n), features, profiles);
  }

  private static void forEachLine(Path file, Charset charset, boolean header,
      Consumer<String> body) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, charset)) {
      if (header) {
        in.readLine();
      }
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          body.accept(line);
        }
      }
    }
  }

  /** The fields of one RFC 4180 line: commas split, double quotes group, "" escapes a quote. */
  static List<String> csvFields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int k = 0; k < line.length(); k++) {
      char c = line.charAt(k);
      if (quoted) {
        if (c == '"' && k + 1 < line.length() && line.charAt(k + 1) == '"') {
          field.append('"');
          k++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
