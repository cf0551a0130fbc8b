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
 * or album, maturity level, media type, kind and a display title, indexed like the columns of an
 * {@link Interactions}. Items never described have no genres, no series, an unknown maturity and
 * are treated as video.
 *
 * <p>A series groups a series' own row with its episodes, for the diversity cap and "more from":
 * an item's series key is its {@code series_id} (an episode naming its series' row), its own asset
 * id for a row of kind {@code series} ({@link Title#seriesKey}); an item with neither (an episode
 * first seen in events, a track's album) is grouped by its series name, and joins the series row
 * whose title is that name when there is one.
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
  private final String[] kinds;
  private final String[] seriesKeys;
  private final String[] seriesLabels;

  private ItemFeatures(Builder b) {
    items = b.items;
    genreNames = List.copyOf(b.genreNames);
    genreIndex = Map.copyOf(b.genreIndex);
    genres = b.genres.clone();
    kinds = b.kinds.clone();
    seriesKeys = b.seriesKeys.clone();
    seriesLabels = b.seriesLabels.clone();
    series = new int[items.size()];
    seriesNames = groupSeries(b, series);
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
        b.set(i, t.title(), t.kind(), t.genres(), t.seriesKey(), t.series(), t.maturityRating(),
            t.mediaType());
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

  /** The item's kind ({@code film}, {@code episode}, {@code series}, {@code track}), or null. */
  public String kind(int item) {
    return kinds[item];
  }

  /** The item's series key as given to {@link Builder#set}, or null. */
  String seriesKey(int item) {
    return seriesKeys[item];
  }

  /** The item's series or album name as given to {@link Builder#set}, or null. */
  String seriesLabel(int item) {
    return seriesLabels[item];
  }

  /** The item's display title as given to {@link Builder#set}, or null. */
  String titleOrNull(int item) {
    return titles[item];
  }

  /**
   * Numbers the series groups (see the class comment) in item order into {@code series}; returns
   * each group's display name.
   */
  private static List<String> groupSeries(Builder b, int[] series) {
    Map<String, String> rowByTitle = new HashMap<>();
    for (int i = 0; i < series.length; i++) {
      if ("series".equals(b.kinds[i]) && b.seriesKeys[i] != null && b.titles[i] != null) {
        rowByTitle.putIfAbsent(b.titles[i], b.seriesKeys[i]);
      }
    }
    Map<String, Integer> index = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < series.length; i++) {
      String key = b.seriesKeys[i];
      String name = b.seriesLabels[i] != null ? b.seriesLabels[i]
          : "series".equals(b.kinds[i]) ? b.titles[i] : null;
      if (key == null && b.seriesLabels[i] != null) {
        String row = rowByTitle.get(b.seriesLabels[i]);
        key = row != null ? row : "\u0000" + b.seriesLabels[i]; // a name never equals an asset id
      }
      if (key == null) {
        series[i] = -1;
        continue;
      }
      Integer g = index.get(key);
      if (g == null) {
        g = names.size();
        index.put(key, g);
        names.add(name);
      } else if (names.get(g) == null && name != null) {
        names.set(g, name);
      }
      series[i] = g;
    }
    for (int g = 0; g < names.size(); g++) {
      if (names.get(g) == null) {
        names.set(g, "this series");
      }
    }
    return List.copyOf(names);
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
    private final int[][] genres;
    private final String[] kinds;
    private final String[] seriesKeys;
    private final String[] seriesLabels;
    private final byte[] level;
    private final boolean[] audio;
    private final String[] titles;

    private Builder(IdIndex items) {
      this.items = items;
      int n = items.size();
      genres = new int[n][];
      Arrays.fill(genres, NONE);
      kinds = new String[n];
      seriesKeys = new String[n];
      seriesLabels = new String[n];
      level = new byte[n];
      Arrays.fill(level, (byte) Maturity.UNKNOWN);
      audio = new boolean[n];
      titles = new String[n];
    }

    /** Describes an item of unknown kind grouped by its series name; see the other {@code set}. */
    public Builder set(int item, String title, List<String> genreList, String seriesName,
        String maturityRating, String mediaType) {
      return set(item, title, null, genreList, null, seriesName, maturityRating, mediaType);
    }

    /**
     * Describes an item; any argument but {@code item} may be null.
     *
     * @param seriesKey {@link Title#seriesKey}: the series' asset id for an episode or a series row
     * @param seriesName the series or album name
     * @param mediaType {@code audio} for music, anything else is video
     */
    public Builder set(int item, String title, String kind, List<String> genreList, String seriesKey,
        String seriesName, String maturityRating, String mediaType) {
      titles[item] = title;
      kinds[item] = kind;
      seriesKeys[item] = seriesKey == null || seriesKey.isBlank() ? null : seriesKey;
      seriesLabels[item] = seriesName == null || seriesName.isBlank() ? null : seriesName;
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
