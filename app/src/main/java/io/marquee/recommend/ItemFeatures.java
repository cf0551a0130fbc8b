package io.marquee.recommend;

import io.marquee.core.Title;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the recommenders know about each item beyond its feedback: genres (primary first), series
 * or album, maturity level, media type and a display title, indexed like the columns of an {@link
 * Interactions}. Items never described have no genres, no series, an unknown maturity and are
 * treated as video.
 */
public final class ItemFeatures {
  private static final int[] NONE = new int[0];

  private final IdIndex items;
  private final List<String> genreNames;
  private final Map<String, Integer> genreIndex;
  private final List<String> seriesNames;
  final int[][] genres;
  final int[] series;
  final byte[] level;
  final boolean[] audio;
  private final String[] titles;

  private ItemFeatures(Builder b) {
    items = b.items;
    genreNames = List.copyOf(b.genreNames);
    genreIndex = Map.copyOf(b.genreIndex);
    seriesNames = List.copyOf(b.seriesNames);
    genres = b.genres.clone();
    series = b.series.clone();
    level = b.level.clone();
    audio = b.audio.clone();
    titles = b.titles.clone();
  }

  /** Features of items nobody described. */
  public static ItemFeatures none(IdIndex items) {
    return builder(items).build();
  }

  /** Features from catalog titles; titles whose asset id is not in {@code items} are skipped. */
  public static ItemFeatures of(IdIndex items, Collection<Title> catalog) {
    Builder b = builder(items);
    for (Title t : catalog) {
      int i = items.indexOf(t.assetId());
      if (i >= 0) {
        b.set(i, t.title(), t.genres(), t.series(), t.maturityRating(), t.mediaType());
      }
    }
    return b.build();
  }

  public static Builder builder(IdIndex items) {
    return new Builder(items);
  }

  public IdIndex items() {
    return items;
  }

  public int size() {
    return items.size();
  }

  /** The genre vocabulary's size; genres are numbered 0 .. genreCount() - 1. */
  public int genreCount() {
    return genreNames.size();
  }

  /** The number of a genre name (case-insensitive), -1 when no item carries it. */
  public int genreIndex(String name) {
    Integer g = name == null ? null : genreIndex.get(name.toLowerCase(Locale.ROOT));
    return g == null ? -1 : g;
  }

  public String genreName(int genre) {
    return genreNames.get(genre);
  }

  /** The item's genres, primary first; do not modify. */
  public int[] genresOf(int item) {
    return genres[item];
  }

  /** The item's series (or album) number, -1 when it belongs to none. */
  public int seriesOf(int item) {
    return series[item];
  }

  /** How many series or albums there are; they are numbered 0 .. seriesCount() - 1. */
  public int seriesCount() {
    return seriesNames.size();
  }

  public String seriesName(int series) {
    return seriesNames.get(series);
  }

  /** The item's {@link Maturity#level}. */
  public int maturityLevel(int item) {
    return level[item];
  }

  public boolean isAudio(int item) {
    return audio[item];
  }

  /** The display title, or the asset id when the title is unknown. */
  public String title(int item) {
    return titles[item] != null ? titles[item] : items.id(item);
  }

  /** Collects item descriptions; items not set keep empty features. */
  public static final class Builder {
    private final IdIndex items;
    private final List<String> genreNames = new ArrayList<>();
    private final Map<String, Integer> genreIndex = new HashMap<>();
    private final List<String> seriesNames = new ArrayList<>();
    private final Map<String, Integer> seriesIndex = new HashMap<>();
    private final int[][] genres;
    private final int[] series;
    private final byte[] level;
    private final boolean[] audio;
    private final String[] titles;

    private Builder(IdIndex items) {
      this.items = items;
      int n = items.size();
      genres = new int[n][];
      Arrays.fill(genres, NONE);
      series = new int[n];
      Arrays.fill(series, -1);
      level = new byte[n];
      Arrays.fill(level, (byte) Maturity.UNKNOWN);
      audio = new boolean[n];
      titles = new String[n];
    }

    /**
     * Describes an item; any argument but {@code item} may be null.
     *
     * @param mediaType {@code audio} for music, anything else is video
     */
    public Builder set(int item, String title, List<String> genreList, String seriesName,
        String maturityRating, String mediaType) {
      titles[item] = title;
      int[] g = new int[genreList == null ? 0 : genreList.size()];
      int n = 0;
      for (int k = 0; k < g.length; k++) {
        String name = genreList.get(k).trim().toLowerCase(Locale.ROOT);
        if (!name.isEmpty()) {
          int index = genreIndex.computeIfAbsent(name, x -> {
            genreNames.add(x);
            return genreNames.size() - 1;
          });
          if (!contains(g, n, index)) {
            g[n++] = index;
          }
        }
      }
      genres[item] = Arrays.copyOf(g, n);
      series[item] = seriesName == null || seriesName.isBlank() ? -1
          : seriesIndex.computeIfAbsent(seriesName, x -> {
            seriesNames.add(x);
            return seriesNames.size() - 1;
          });
      level[item] = (byte) Maturity.level(maturityRating);
      audio[item] = "audio".equalsIgnoreCase(mediaType);
      return this;
    }

    private static boolean contains(int[] a, int n, int v) {
      for (int k = 0; k < n; k++) {
        if (a[k] == v) {
          return true;
        }
      }
      return false;
    }

    public ItemFeatures build() {
      return new ItemFeatures(this);
    }
  }
}
