package io.marquee.recommend;

import io.marquee.imports.ImportReport;
import io.marquee.imports.MovieLensData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A MovieLens data set for the offline evaluation, read by the import's reader ({@link
 * MovieLensData}), so that it holds exactly what an import serves: the same {@code ml-} ids, the
 * same titles and genre vocabulary, the same users' age and gender, and the same rows rejected.
 * Either layout: ml-100k ({@code u.data}; optional {@code u.item} and {@code u.user}) or
 * ml-latest / ml-latest-small / ml-25m ({@code ratings.csv}; optional {@code movies.csv}).
 *
 * <p>Ratings keep file order; users and items are indexed in order of first appearance in the
 * ratings.
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
  /** What the reader counted and rejected (rejected rows are left out, as an import leaves them). */
  final ImportReport report;

  private MovieLens(IdIndex users, IdIndex items, int[] user, int[] item, float[] rating,
      long[] time, ItemFeatures features, UserProfile[] profiles, ImportReport report) {
    this.users = users;
    this.items = items;
    this.user = user;
    this.item = item;
    this.rating = rating;
    this.time = time;
    this.features = features;
    this.profiles = profiles;
    this.report = report;
  }

  int size() {
    return user.length;
  }

  static MovieLens read(Path dir) {
    try {
      MovieLensData data = MovieLensData.open(dir);
      Rows rows = new Rows();
      data.ratings((r, where) -> rows.add(r.user(), r.assetId(), (float) r.rating(), r.epochSeconds()));
      IdIndex items = new IdIndex(rows.items);
      IdIndex users = new IdIndex(rows.users);
      ItemFeatures.Builder features = ItemFeatures.builder(items);
      data.titles((t, where) -> {
        int i = items.indexOf(t.assetId());
        if (i >= 0) {
          features.set(i, t.title(), t.kind(), t.genres(), t.seriesKey(), t.series(),
              t.maturityRating(), t.mediaType());
        }
      });
      UserProfile[] profiles = new UserProfile[users.size()];
      data.users((u, where) -> {
        int i = users.indexOf(u.user());
        if (i >= 0) {
          // as the store reads the identify traits an import sends: no country among them
          profiles[i] = new UserProfile(u.age(), u.gender(), null, List.of());
        }
      });
      return rows(rows, users, items, features.build(), profiles, data.report());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + dir, e);
    }
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

    void add(String u, String i, float r, long t) {
      if (n == user.length) {
        user = Arrays.copyOf(user, 2 * n);
        item = Arrays.copyOf(item, 2 * n);
        rating = Arrays.copyOf(rating, 2 * n);
        time = Arrays.copyOf(time, 2 * n);
      }
      user[n] = index(u, users, userIndex);
      item[n] = index(i, items, itemIndex);
      rating[n] = r;
      time[n] = t;
      n++;
    }

    private static int index(String id, List<String> ids, Map<String, Integer> index) {
      return index.computeIfAbsent(id, k -> {
        ids.add(k);
        return ids.size() - 1;
      });
    }
  }

  private static MovieLens rows(Rows r, IdIndex users, IdIndex items, ItemFeatures features,
      UserProfile[] profiles, ImportReport report) {
    return new MovieLens(users, items, Arrays.copyOf(r.user, r.n), Arrays.copyOf(r.item, r.n),
        Arrays.copyOf(r.rating, r.n), Arrays.copyOf(r.time, r.n), features, profiles, report);
  }
}
