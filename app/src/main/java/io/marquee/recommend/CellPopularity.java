package io.marquee.recommend;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Popularity within a demographic cell (age bracket x gender x country), for users with no
 * history. Small cells borrow from larger ones: a cell's item shares are smoothed toward its age
 * bracket's, and those toward the global shares, each with the weight of {@link #PRIOR_USERS}
 * pseudo-users, so a cell of three users mostly reads as its bracket and a cell of thousands as
 * itself.
 */
public final class CellPopularity implements Recommender {
  /** Strength of the smoothing toward the parent cell, in users. */
  static final float PRIOR_USERS = 20;
  /** A cell needs this many users before explanations name it. */
  static final int NAMED_CELL_USERS = 20;

  /** Cells covering more than this share of the catalog are also kept dense. */
  static final double DENSE_SHARE = 0.125;

  private final Map<String, Cell> cells = new HashMap<>();
  private float[] global;
  /** Per age bracket (there are few), the global shares smoothed by the bracket's: dense. */
  private final Map<String, float[]> bracketShares = new HashMap<>();
  /** The best items per cell key ("" for all users), computed on first use. */
  private final Map<String, int[]> tops = new ConcurrentHashMap<>();

  /**
   * Users and per-item user counts of one cell, sparse and ascending by item; a cell holding more
   * than {@link #DENSE_SHARE} of the catalog also keeps them dense (indexed by item), for serving:
   * at most 4 bytes x {@code 1 / DENSE_SHARE} per interaction in all.
   */
  private record Cell(int users, int[] items, float[] counts, float[] dense) {
    float count(int item) {
      int k = Arrays.binarySearch(items, item);
      return k < 0 ? 0 : counts[k];
    }
  }

  @Override
  public String name() {
    return "demographic";
  }

  static String cellKey(UserProfile p) {
    return bracketKey(p) + "|" + key(p.genderKey()) + "|" + key(p.country());
  }

  static String bracketKey(UserProfile p) {
    return key(p.ageBracket());
  }

  private static String key(String part) {
    return part == null ? "?" : part;
  }

  @Override
  public void fit(Dataset data) {
    Interactions x = data.interactions();
    Map<String, float[]> counts = new HashMap<>();
    Map<String, Integer> users = new HashMap<>();
    float[] all = new float[x.itemCount()];
    for (int u = 0; u < x.userCount(); u++) {
      UserProfile p = data.profile(u);
      float[] cell = counts.computeIfAbsent(cellKey(p), k -> new float[all.length]);
      float[] bracket = counts.computeIfAbsent(bracketKey(p), k -> new float[all.length]);
      users.merge(cellKey(p), 1, Integer::sum);
      users.merge(bracketKey(p), 1, Integer::sum);
      for (int k = x.rowStart[u]; k < x.rowStart[u + 1]; k++) {
        int i = x.rowItem[k];
        cell[i]++;
        bracket[i]++;
        all[i]++;
      }
    }
    for (Map.Entry<String, float[]> e : counts.entrySet()) {
      cells.put(e.getKey(), sparse(users.get(e.getKey()), e.getValue()));
    }
    int n = Math.max(1, x.userCount());
    global = new float[all.length];
    for (int i = 0; i < all.length; i++) {
      global[i] = all[i] / n;
    }
    for (int u = 0; u < x.userCount(); u++) {
      bracketShares.computeIfAbsent(bracketKey(data.profile(u)), key -> {
        float[] shares = global.clone();
        smooth(shares, cells.get(key));
        return shares;
      });
    }
  }

  private static Cell sparse(int users, float[] dense) {
    int nnz = 0;
    for (float v : dense) {
      nnz += v > 0 ? 1 : 0;
    }
    int[] items = new int[nnz];
    float[] counts = new float[nnz];
    for (int i = 0, k = 0; i < dense.length; i++) {
      if (dense[i] > 0) {
        items[k] = i;
        counts[k++] = dense[i];
      }
    }
    return new Cell(users, items, counts, nnz > dense.length * DENSE_SHARE ? dense.clone() : null);
  }

  /** Smoothed share of the cell's users who have feedback on each item. */
  @Override
  public void score(UserContext user, Candidates candidates, float[] scores) {
    Cell bracket = cells.get(bracketKey(user.profile()));
    Cell cell = cells.get(cellKey(user.profile()));
    if (candidates.isAll()) {
      System.arraycopy(global, 0, scores, 0, global.length);
      smooth(scores, bracket);
      smooth(scores, cell);
      return;
    }
    // Candidates and the cell's items are both ascending: one forward walk over the cell's items.
    float[] parent = bracket == null ? global : bracketShares.get(bracketKey(user.profile()));
    int at = 0;
    for (int k = 0; k < candidates.size(); k++) {
      int i = candidates.item(k);
      float s = parent[i];
      if (cell != null && cell.dense != null) {
        s = smooth(s, cell, cell.dense[i]);
      } else if (cell != null) {
        at = seek(cell.items, at, i);
        s = smooth(s, cell, at < cell.items.length && cell.items[at] == i ? cell.counts[at] : 0);
      }
      scores[k] = s;
    }
  }

  /** The first index at or after {@code from} whose item is at least {@code item} (galloping). */
  static int seek(int[] items, int from, int item) {
    int step = 1;
    int lo = from;
    int hi = from;
    while (hi < items.length && items[hi] < item) {
      lo = hi + 1;
      hi += step;
      step <<= 1;
    }
    hi = Math.min(hi, items.length);
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (items[mid] < item) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** parent <- (count + PRIOR_USERS * parent) / (users + PRIOR_USERS). */
  private static void smooth(float[] scores, Cell cell) {
    if (cell == null) {
      return;
    }
    float scale = PRIOR_USERS / (cell.users + PRIOR_USERS);
    for (int i = 0; i < scores.length; i++) {
      scores[i] *= scale;
    }
    float add = 1f / (cell.users + PRIOR_USERS);
    for (int k = 0; k < cell.items.length; k++) {
      scores[cell.items[k]] += cell.counts[k] * add;
    }
  }

  /**
   * The same smoothing for one item whose count in the cell is {@code count}: the same operations
   * in the same order, the same float.
   */
  private static float smooth(float parent, Cell cell, float count) {
    float scaled = parent * (PRIOR_USERS / (cell.users + PRIOR_USERS));
    return count > 0 ? scaled + count * (1f / (cell.users + PRIOR_USERS)) : scaled;
  }

  /** Non-personal: the items most popular overall. */
  @Override
  public void similar(int item, Candidates candidates, float[] scores) {
    for (int k = 0; k < candidates.size(); k++) {
      scores[k] = global[candidates.item(k)];
    }
  }

  /** The best {@code budget} items of the user's cell, computed once per cell. */
  @Override
  public void propose(UserContext user, int budget, Candidates.Builder out) {
    UserProfile p = user.profile();
    addTop(cellKey(p), budget, out, () -> {
      float[] all = new float[global.length];
      score(UserContext.newUser(p), all);
      return all;
    });
  }

  @Override
  public void proposeSimilar(int item, int budget, Candidates.Builder out) {
    addTop("", budget, out, () -> global);
  }

  /** Adds the best {@code budget} of the scores, kept under {@code key} for the next time. */
  private void addTop(String key, int budget, Candidates.Builder out, Supplier<float[]> scores) {
    int n = Math.min(budget, global.length);
    int[] top = tops.get(key);
    if (top == null || top.length != n) {
      top = TopN.select(scores.get(), n);
      tops.put(key, top);
    }
    for (int i : top) {
      out.add(i);
    }
  }

  /**
   * "popular with 25-34 viewers in FR" when the user's cell is large enough to name and the item is
   * more popular there than overall; the bracket alone likewise; else the
   * plain "popular on Marquee".
   */
  @Override
  public Explanation explain(UserContext user, int item) {
    UserProfile p = user.profile();
    String bracket = p.ageBracket();
    String country = p.country();
    if (bracket != null && country != null && overRepresented(cells.get(cellKey(p)), item)) {
      return new Explanation("demographic",
          "popular with " + bracket + " viewers in " + country, -1);
    }
    if (bracket != null && overRepresented(cells.get(bracketKey(p)), item)) {
      return new Explanation("demographic", "popular with " + bracket + " viewers", -1);
    }
    return Explanation.popular();
  }

  private boolean overRepresented(Cell cell, int item) {
    return cell != null && cell.users >= NAMED_CELL_USERS
        && cell.count(item) / cell.users >= global[item];
  }
}
