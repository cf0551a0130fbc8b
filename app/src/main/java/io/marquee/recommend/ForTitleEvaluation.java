package io.marquee.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The offline measurement of "who to market a new title to" ({@code marquee evaluate for-title}): how
 * well the cold-start audience of a title nobody has watched finds the users who then watch it.
 *
 * <p>Protocol: from the titles with at least {@code minViewers} viewers, {@code titles} are drawn with
 * the seed; ALL their feedback is removed and the models are trained on the rest (once, for every
 * held-out title), so each is a title in the catalog that nobody watched. Each method then ranks the
 * candidate users (every user of the data; for an adult rating, only those of a known age of 18 or
 * more, as the endpoint does) and its top N is compared with the title's real viewers among the
 * candidates: precision@N = hits / N, recall@N = hits / viewers ({@link RankingMetrics}), averaged
 * over the titles. Ties are broken by one random order per title (from the seed and the user ids),
 * the same for every method. Methods:
 * <ul>
 *   <li>{@code for-title}: {@link ColdStart#score}, what the endpoint serves;
 *   <li>{@code similar titles only} and {@code content only}: its two parts alone;
 *   <li>{@code demographic}: every user scores their age bracket x gender cell's similarity-weighted
 *       share of viewers of the same similar titles (the cell watching them most first);
 *   <li>{@code most active}: users by how many titles they watched, whatever the title;
 *   <li>{@code random}: the random order.
 * </ul>
 */
final class ForTitleEvaluation {
  /** The methods, in the order of the report. */
  static final List<String> METHODS = List.of("for-title", "similar titles only", "content only", "demographic",
      "most active", "random");

  /** Mean precision and recall at each N of one method. */
  record Row(String method, double[] precision, double[] recall) {}

  /**
   * What a run measured.
   *
   * @param heldOut the asset ids of the held-out titles, in draw order
   * @param meanViewers the held-out titles' mean number of viewers among the candidates
   * @param meanCandidates the mean number of candidate users
   * @param trainSeconds the training of the models without the held-out feedback
   * @param scoreMillis the mean time to score one title for every user with {@code for-title}
   */
  record Report(int users, int items, List<String> heldOut, double meanViewers, double meanCandidates,
      int[] sizes, List<Row> rows, double trainSeconds, double scoreMillis) {}

  private ForTitleEvaluation() {}

  /**
   * Runs the protocol on {@code full}; {@code releaseYear} gives each item's release year (null when
   * unknown). {@code titles} are drawn among those with at least {@code minViewers} viewers.
   *
   * @throws IllegalArgumentException when fewer titles than asked have enough viewers
   */
  static Report run(Dataset full, IntFunction<Integer> releaseYear, int titles, int minViewers, int[] sizes, long seed) {
    Interactions x = full.interactions();
    int[] heldOut = draw(x, titles, minViewers, seed);
    boolean[] out = new boolean[x.itemCount()];
    for (int i : heldOut) {
      out[i] = true;
    }
    Dataset train = without(full, out);
    long t0 = System.nanoTime();
    ImplicitAls als = new ImplicitAls(ImplicitAls.Params.defaults().withSeed(TrainedModel.SEED));
    als.fit(train);
    ContentBased content = new ContentBased();
    content.fit(train);
    ColdStart cold = new ColdStart(train, content, als);
    double trainSeconds = (System.nanoTime() - t0) / 1e9;

    int users = x.userCount();
    float[] active = new float[users];
    for (int u = 0; u < users; u++) {
      active[u] = train.interactions().historyLength(u);
    }
    double[][] precision = new double[METHODS.size()][sizes.length];
    double[][] recall = new double[METHODS.size()][sizes.length];
    double viewers = 0;
    double candidates = 0;
    long scoreNanos = 0;
    List<String> ids = new ArrayList<>();
    for (int t = 0; t < heldOut.length; t++) {
      int item = heldOut[t];
      ids.add(x.items().id(item));
      boolean adult = full.items().maturityLevel(item) == 3;
      boolean[] candidate = new boolean[users];
      for (int u = 0; u < users; u++) {
        candidate[u] = !adult || full.profile(u).age() >= 18;
      }
      int[] truth = truth(x, item, candidate);
      viewers += truth.length;
      candidates += count(candidate);
      float[] tieBreak = randomOrder(x.users(), seed * 31 + t);

      long s0 = System.nanoTime();
      ColdStart.Description d = cold.describe(item, releaseYear.apply(item));
      List<ColdStart.Neighbour> neighbours = cold.neighbours(d, item, ColdStart.NEIGHBOURS, releaseYear);
      float[] blend = cold.score(d, neighbours);
      scoreNanos += System.nanoTime() - s0;

      float[][] scores = {blend, neighbours.isEmpty() ? new float[users] : cold.similarPart(neighbours),
          cold.contentPart(d), demographic(train, neighbours), active, new float[users]};
      int maxN = Arrays.stream(sizes).max().orElse(0);
      for (int m = 0; m < scores.length; m++) {
        int[] top = rank(scores[m], tieBreak, candidate, maxN);
        for (int k = 0; k < sizes.length; k++) {
          if (truth.length > 0) {
            RankingMetrics r = RankingMetrics.of(top, truth, sizes[k]);
            precision[m][k] += r.precision() / heldOut.length;
            recall[m][k] += r.recall() / heldOut.length;
          }
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int m = 0; m < METHODS.size(); m++) {
      rows.add(new Row(METHODS.get(m), precision[m], recall[m]));
    }
    return new Report(users, x.itemCount(), ids, viewers / heldOut.length, candidates / heldOut.length, sizes.clone(),
        rows, trainSeconds, scoreNanos / 1e6 / heldOut.length);
  }

  /** {@code n} distinct items with at least {@code minViewers} viewers, drawn with the seed. */
  static int[] draw(Interactions x, int n, int minViewers, long seed) {
    List<Integer> pool = new ArrayList<>();
    for (int i = 0; i < x.itemCount(); i++) {
      if (x.userCountOf(i) >= minViewers) {
        pool.add(i);
      }
    }
    if (pool.size() < n) {
      throw new IllegalArgumentException("only " + pool.size() + " titles have at least " + minViewers
          + " viewers; fewer than the " + n + " asked");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int k = 0; k < n; k++) {
      int j = k + rng.nextInt(pool.size() - k);
      Integer swap = pool.get(k);
      pool.set(k, pool.get(j));
      pool.set(j, swap);
    }
    return pool.subList(0, n).stream().mapToInt(Integer::intValue).toArray();
  }

  /** {@code full} with every cell of the items {@code out} marks left out (the items stay, unwatched). */
  static Dataset without(Dataset full, boolean[] out) {
    Interactions x = full.interactions();
    Interactions.Builder b = Interactions.builder(x.users(), x.items());
    for (int u = 0; u < x.userCount(); u++) {
      for (int k = x.rowStart[u]; k < x.rowStart[u + 1]; k++) {
        if (!out[x.rowItem[k]]) {
          b.add(u, x.rowItem[k], x.rowWeight[k], x.rowRating[k], x.rowTime[k]);
        }
      }
    }
    UserProfile[] profiles = new UserProfile[x.userCount()];
    for (int u = 0; u < profiles.length; u++) {
      profiles[u] = full.profile(u);
    }
    return new Dataset(b.build(), full.items(), profiles, full.now());
  }

  /** The candidates who have feedback on {@code item}, ascending. */
  static int[] truth(Interactions x, int item, boolean[] candidate) {
    return Arrays.stream(x.colUser, x.colStart[item], x.colStart[item + 1]).filter(u -> candidate[u]).sorted().toArray();
  }

  /**
   * The {@code n} best candidates by {@code scores}, best first, ties in {@code tieBreak} order (higher
   * first).
   */
  static int[] rank(float[] scores, float[] tieBreak, boolean[] candidate, int n) {
    return java.util.stream.IntStream.range(0, scores.length).filter(u -> candidate[u]).boxed()
        .sorted((a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Float.compare(tieBreak[b], tieBreak[a]))
        .limit(n).mapToInt(Integer::intValue).toArray();
  }

  /**
   * A random order of the users drawn from {@code seed} and each user's id, not their row: the same
   * whatever order the data was read in (a store's rows come in the order DuckDB returns them).
   */
  static float[] randomOrder(IdIndex users, long seed) {
    float[] out = new float[users.size()];
    for (int u = 0; u < out.length; u++) {
      long h = (users.id(u).hashCode() * 0x9E3779B97F4A7C15L) ^ seed;
      h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
      h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
      h ^= h >>> 33;
      out[u] = (h >>> 40) / (float) (1 << 24);
    }
    return out;
  }

  private static int count(boolean[] b) {
    int n = 0;
    for (boolean v : b) {
      n += v ? 1 : 0;
    }
    return n;
  }

  /**
   * Per user, their age bracket x gender cell's share of viewers of the neighbours: the
   * similarity-weighted mean over the neighbours of (cell users with feedback on it / cell users).
   */
  static float[] demographic(Dataset data, List<ColdStart.Neighbour> neighbours) {
    Interactions x = data.interactions();
    Map<String, Integer> cellIndex = new LinkedHashMap<>();
    int[] cell = new int[x.userCount()];
    for (int u = 0; u < cell.length; u++) {
      UserProfile p = data.profile(u);
      cell[u] = cellIndex.computeIfAbsent(p.ageBracket() + "/" + p.genderKey(), k -> cellIndex.size());
    }
    int[] size = new int[cellIndex.size()];
    for (int c : cell) {
      size[c]++;
    }
    double[] share = new double[size.length];
    double total = neighbours.stream().mapToDouble(ColdStart.Neighbour::similarity).sum();
    for (ColdStart.Neighbour nb : neighbours) {
      int[] watched = new int[size.length];
      for (int k = x.colStart[nb.item()]; k < x.colStart[nb.item() + 1]; k++) {
        watched[cell[x.colUser[k]]]++;
      }
      for (int c = 0; c < size.length; c++) {
        share[c] += nb.similarity() / total * watched[c] / size[c];
      }
    }
    float[] out = new float[cell.length];
    for (int u = 0; u < out.length; u++) {
      out[u] = (float) share[cell[u]];
    }
    return out;
  }
}
