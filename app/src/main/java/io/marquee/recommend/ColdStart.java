package io.marquee.recommend;

import io.marquee.core.Title;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The affinity of every user for a title nobody has watched yet: a blend of the user's content score
 * for the title ({@link ContentBased#scoreDescribed}: genres, series, maturity) and their predicted
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
    for (int i = 0; i < f.size(); i++) {
      double sum = 0;
      for (int g : f.genresOf(i)) {
        sum += idf[g] * idf[g];
      }
      norm[i] = (float) Math.sqrt(sum);
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

  /** Per user row, their content score for {@code t}. */
  float[] contentPart(Description t) {
    float[] out = new float[data.interactions().userCount()];
    for (int u = 0; u < out.length; u++) {
      out[u] = content.scoreDescribed(UserContext.of(data, u), t.genres(), t.unknownGenres(), t.series(), t.level());
    }
    return out;
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
