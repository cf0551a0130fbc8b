package io.marquee.recommend;

import io.marquee.core.Title;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The affinity of every user for a title nobody has watched yet: a blend of the user's content score
 * for the title ({@link #contentPart}: genres, series, maturity, as {@link ContentBased} scores) and their predicted
 * preference (iALS) for the {@value #NEIGHBOURS} titles most similar to it in the catalog that do have
 * feedback, weighted by similarity. Each part is standardised over the users before the blend
 * ({@link Standardisation}), the content part weighing {@value #CONTENT_SHARE}.
 *
 * <p>Catalog similarity of two titles of the same media type (a track is never similar to a film):
 * the idf-weighted cosine of their genres, plus {@value #SERIES} for the same series, plus up to
 * {@value #YEAR} for release years closer than {@value #YEAR_SPAN} years, plus up to {@value
 * #MATURITY} for close maturity levels; a title sharing neither a genre nor the series is not
 * similar. Works for a title of the fitted data without feedback and for one described only by the
 * catalog (added after the training): its genres, series and rating map onto the data's.
 */
final class ColdStart {
  /** How many similar titles with feedback carry their viewers over. */
  static final int NEIGHBOURS = 10;
  /** Weight of the content part in the blend; the similar titles' part weighs the rest. */
  static final float CONTENT_SHARE = 0.3f;
  static final float SERIES = 0.5f;
  static final float YEAR = 0.2f;
  static final int YEAR_SPAN = 20;
  static final float MATURITY = 0.1f;

  /**
   * A title as the scorer reads it.
   *
   * @param genres its genres that the data's vocabulary holds, distinct
   * @param unknownGenres how many more it has that no fitted item carries
   * @param series its series number in the data, -1 for none (or one the data does not hold)
   * @param level its {@link Maturity#level}
   * @param year its release year, null when unknown
   */
  record Description(int[] genres, int unknownGenres, int series, int level, boolean audio, Integer year) {}

  /** A similar title with feedback: its item, similarity and how many users have feedback on it. */
  record Neighbour(int item, float similarity, int viewers) {}

  private final Dataset data;
  private final ContentBased content;
  private final ImplicitAls als;
  private final float[] idf;
  private final float[] norm;
  private final float[] itemNorm; // 1 / norm, as ContentBased weighs a history item's genres
  private final Map<String, Integer> seriesByKey = new HashMap<>();
  private final Map<String, Integer> seriesByLabel = new HashMap<>();

  /** Over {@code data}, with {@code content} fitted on it and its iALS ({@code als}, null: none). */
  ColdStart(Dataset data, ContentBased content, ImplicitAls als) {
    this.data = data;
    this.content = content;
    this.als = als;
    ItemFeatures f = data.items();
    idf = new float[f.genreCount()];
    for (int g = 0; g < idf.length; g++) {
      idf[g] = content.idf(g);
    }
    norm = new float[f.size()];
    itemNorm = new float[f.size()];
    for (int i = 0; i < f.size(); i++) {
      double sum = 0;
      for (int g : f.genresOf(i)) {
        sum += idf[g] * idf[g];
      }
      norm[i] = (float) Math.sqrt(sum);
      itemNorm[i] = sum > 0 ? (float) (1 / Math.sqrt(sum)) : 0;
      int s = f.seriesOf(i);
      if (s >= 0) {
        if (f.seriesKey(i) != null) {
          seriesByKey.putIfAbsent(f.seriesKey(i), s);
        }
        String label = f.seriesLabel(i) != null ? f.seriesLabel(i) : "series".equals(f.kind(i)) ? f.titleOrNull(i) : null;
        if (label != null) {
          seriesByLabel.putIfAbsent(label.toLowerCase(Locale.ROOT), s);
        }
      }
    }
  }

  /** Item {@code item} of the data as fitted, released in {@code year} (null: unknown). */
  Description describe(int item, Integer year) {
    ItemFeatures f = data.items();
    return new Description(f.genresOf(item), 0, f.seriesOf(item), f.maturityLevel(item), f.isAudio(item), year);
  }

  /** A catalog title, mapped onto the data's genres and series. */
  Description describe(Title t) {
    ItemFeatures f = data.items();
    List<Integer> known = new ArrayList<>();
    int unknown = 0;
    for (String name : t.genres()) {
      int g = f.genreIndex(name.strip());
      if (g < 0) {
        unknown++;
      } else if (!known.contains(g)) {
        known.add(g);
      }
    }
    Integer series = t.seriesKey() == null ? null : seriesByKey.get(t.seriesKey());
    if (series == null && t.series() != null) {
      series = seriesByLabel.get(t.series().toLowerCase(Locale.ROOT));
    }
    return new Description(known.stream().mapToInt(Integer::intValue).toArray(), unknown,
        series == null ? -1 : series, Maturity.level(t.maturityRating()), "audio".equalsIgnoreCase(t.mediaType()),
        t.releaseYear());
  }

  /** The catalog similarity of {@code t} and item {@code i} released in {@code year}; 0 when not similar. */
  float similarity(Description t, int i, Integer year) {
    ItemFeatures f = data.items();
    if (f.isAudio(i) != t.audio()) {
      return 0;
    }
    double tn = t.unknownGenres() * Math.pow(Math.log(1 + (double) f.size()), 2);
    for (int g : t.genres()) {
      tn += idf[g] * idf[g];
    }
    double shared = 0;
    for (int g : f.genresOf(i)) {
      for (int h : t.genres()) {
        if (g == h) {
          shared += idf[g] * idf[g];
        }
      }
    }
    boolean sameSeries = t.series() >= 0 && f.seriesOf(i) == t.series();
    if (shared <= 0 && !sameSeries) {
      return 0;
    }
    float s = shared > 0 ? (float) (shared / (Math.sqrt(tn) * norm[i])) : 0;
    if (sameSeries) {
      s += SERIES;
    }
    if (t.year() != null && year != null) {
      s += YEAR * Math.max(0, 1 - Math.abs(t.year() - year) / (float) YEAR_SPAN);
    }
    int level = f.maturityLevel(i);
    if (t.level() >= 0 && level >= 0) {
      s += MATURITY * (1 - Math.abs(t.level() - level) / 3f);
    }
    return s;
  }

  /**
   * The {@code n} items with feedback most similar to {@code t}, best first, leaving out {@code self}
   * (the title's own item, -1 for none); {@code years} gives each item's release year (null: unknown).
   */
  List<Neighbour> neighbours(Description t, int self, int n, java.util.function.IntFunction<Integer> years) {
    Interactions x = data.interactions();
    float[] sims = new float[x.itemCount()];
    for (int i = 0; i < sims.length; i++) {
      sims[i] = i == self || x.userCountOf(i) == 0 ? 0 : similarity(t, i, years.apply(i));
    }
    List<Neighbour> out = new ArrayList<>();
    for (int i : TopN.select(sims, n, i -> sims[i] > 0)) {
      out.add(new Neighbour(i, sims[i], x.userCountOf(i)));
    }
    return out;
  }

  /**
   * Per user row, the similarity-weighted mean of their predicted preference for the neighbours
   * (their feedback weight when the data has no iALS).
   */
  float[] similarPart(List<Neighbour> neighbours) {
    Interactions x = data.interactions();
    float[] out = new float[x.userCount()];
    float[] one = new float[x.userCount()];
    double total = neighbours.stream().mapToDouble(Neighbour::similarity).sum();
    for (Neighbour nb : neighbours) {
      float w = (float) (nb.similarity() / total);
      if (als != null) {
        als.itemAffinity(nb.item(), one);
        for (int u = 0; u < out.length; u++) {
          out[u] += w * one[u];
        }
      } else {
        for (int k = x.colStart[nb.item()]; k < x.colStart[nb.item() + 1]; k++) {
          out[x.colUser[k]] += w * x.colWeight[k];
        }
      }
    }
    return out;
  }

  /**
   * Per user row, their content score for {@code t}: what {@link ContentBased#score} gives an item of
   * these features without feedback (genre profile against its genres, series followed, usual
   * maturity; no popularity prior), from per-user sums computed once ({@link UserSums}) and one pass
   * over the rows, with no allocation per user.
   */
  float[] contentPart(Description t) {
    UserSums sums = userSums();
    Interactions x = data.interactions();
    ItemFeatures f = data.items();
    int[] target = t.genres();
    double tn = t.unknownGenres() * Math.pow(Math.log(1 + (double) f.size()), 2);
    for (int g : target) {
      tn += idf[g] * idf[g];
    }
    float targetNorm = tn > 0 ? (float) (1 / Math.sqrt(tn)) : 0;
    boolean[] inTarget = new boolean[idf.length];
    for (int g : target) {
      inTarget[g] = true;
    }
    float[] history = new float[idf.length];
    float[] out = new float[x.userCount()];
    if (tn == 0 && t.series() < 0 && t.level() < 0) {
      return out;
    }
    for (int u = 0; u < out.length; u++) {
      float seriesWeight = 0;
      for (int k = x.rowStart[u]; k < x.rowStart[u + 1]; k++) {
        int i = x.rowItem[k];
        for (int g : f.genres[i]) {
          if (inTarget[g]) {
            history[g] += x.rowWeight[k] * idf[g] * itemNorm[i];
          }
        }
        if (t.series() >= 0 && f.series[i] == t.series()) {
          seriesWeight += x.rowWeight[k];
        }
      }
      float hn = sums.historyNorm[u];
      float in = sums.interestsNorm[u];
      float share = hn > 0 && in > 0 ? ContentBased.INTERESTS_SHARE : in > 0 ? 1 : 0;
      float s = 0;
      for (int g : target) {
        float h = hn > 0 ? history[g] / hn : 0;
        float interest = in > 0 && sums.interests[u] != null && contains(sums.interests[u], g) ? 1 / in : 0;
        s += ((1 - share) * h + share * interest) * idf[g];
        history[g] = 0;
      }
      s *= targetNorm;
      if (t.series() >= 0 && sums.totalWeight[u] > 0) {
        s += ContentBased.SERIES * seriesWeight / sums.totalWeight[u];
      }
      float maturity = sums.maturity[u];
      if (t.level() >= 0 && !Float.isNaN(maturity)) {
        s += ContentBased.MATURITY * (1 - Math.abs(t.level() - maturity) / 3);
      }
      out[u] = s;
    }
    return out;
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  /**
   * Per user row, what their content score for any title needs beyond the title's genres: the norm of
   * the history's genre profile, of the declared interests (the genres of the data they name), the
   * history's total weight and its weighted mean maturity level (NaN when unknown).
   */
  private record UserSums(float[] historyNorm, float[] interestsNorm, int[][] interests, float[] totalWeight,
      float[] maturity) {}

  private UserSums sums;

  private synchronized UserSums userSums() {
    if (sums == null) {
      sums = computeSums();
    }
    return sums;
  }

  private UserSums computeSums() {
    Interactions x = data.interactions();
    ItemFeatures f = data.items();
    int users = x.userCount();
    float[] historyNorm = new float[users];
    float[] interestsNorm = new float[users];
    int[][] interests = new int[users][];
    float[] total = new float[users];
    float[] maturity = new float[users];
    float[] v = new float[idf.length];
    for (int u = 0; u < users; u++) {
      double levels = 0;
      double levelWeight = 0;
      for (int k = x.rowStart[u]; k < x.rowStart[u + 1]; k++) {
        int i = x.rowItem[k];
        float w = x.rowWeight[k];
        for (int g : f.genres[i]) {
          v[g] += w * idf[g] * itemNorm[i];
        }
        total[u] += w;
        if (f.level[i] >= 0) {
          levels += f.level[i] * w;
          levelWeight += w;
        }
      }
      double sum = 0;
      for (int g = 0; g < v.length; g++) {
        sum += v[g] * v[g];
        v[g] = 0;
      }
      historyNorm[u] = (float) Math.sqrt(sum);
      maturity[u] = levelWeight > 0 ? (float) (levels / levelWeight) : Float.NaN;
      int[] named = data.profile(u).interests().stream().mapToInt(f::genreIndex).filter(g -> g >= 0).distinct().toArray();
      interests[u] = named.length == 0 ? null : named;
      interestsNorm[u] = (float) Math.sqrt(named.length);
    }
    return new UserSums(historyNorm, interestsNorm, interests, total, maturity);
  }

  /** The blend of the two parts ({@link #CONTENT_SHARE}); the content part alone without neighbours. */
  float[] score(Description t, List<Neighbour> neighbours) {
    return score(t, neighbours, CONTENT_SHARE);
  }

  /** The blend with the content part weighing {@code contentShare} (0 to 1). */
  float[] score(Description t, List<Neighbour> neighbours, float contentShare) {
    float[] c = contentPart(t);
    if (neighbours.isEmpty()) {
      return c;
    }
    float[] out = new float[c.length];
    Standardisation.add(similarPart(neighbours), 1 - contentShare, out);
    Standardisation.add(c, contentShare, out);
    return out;
  }
}
