package io.marquee.recommend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * The rules every list passes through, whatever model scored it:
 *
 * <ul>
 *   <li>items in the user's history are left out, except music (replays are welcome);
 *   <li>adult titles (R, NC-17, TV-MA) only for users aged 17 or more: an unknown age counts as a
 *       minor's ({@link Maturity#allowed});
 *   <li>the request's filters: media type ({@code video} or {@code audio}) and genre;
 *   <li>diversity: at most {@link Settings#genreShare} of the list shares a primary genre, at most
 *       {@link Settings#maxPerSeries} items come from one series (its own row and its episodes
 *       together, {@link ItemFeatures}) or album. The caps are soft: when
 *       they would leave the list short, the best items they held back fill it;
 *   <li>an explanation per item, from the caller's explainer or else "popular on Marquee".
 * </ul>
 *
 * Candidates are the best {@link Settings#poolFactor} x n eligible items by score ({@link TopN}),
 * so the catalog is never sorted.
 */
public final class RecommendationRules {

  /**
   * The diversity settings.
   *
   * @param genreShare the largest share of a list that may share one primary genre
   * @param maxPerSeries the most items of one series or album in a list
   * @param poolFactor candidates considered per requested item
   */
  public record Settings(double genreShare, int maxPerSeries, int poolFactor) {
    public static Settings defaults() {
      return new Settings(0.4, 2, 5);
    }
  }

  /**
   * What the caller asks for.
   *
   * @param mediaType {@code video}, {@code audio} or null for both
   * @param genre a genre name or null for all
   */
  public record Request(int n, String mediaType, String genre) {
    public Request {
      if (n < 1) {
        throw new IllegalArgumentException("n must be at least 1");
      }
    }
  }

  private final ItemFeatures items;
  private final Settings settings;

  public RecommendationRules(ItemFeatures items, Settings settings) {
    this.items = items;
    this.settings = settings;
  }

  /** Whether the item may appear in the user's list at all (history, maturity, filters). */
  public boolean eligible(int item, UserContext user, Request request) {
    boolean audio = items.isAudio(item);
    if (!audio && user.has(item)) {
      return false;
    }
    if (!Maturity.allowed(items.maturityLevel(item), user.profile().age())) {
      return false;
    }
    if (request.mediaType() != null && audio != request.mediaType().equalsIgnoreCase("audio")) {
      return false;
    }
    if (request.genre() != null) {
      int genre = items.genreIndex(request.genre());
      return genre >= 0 && contains(items.genresOf(item), genre);
    }
    return true;
  }

  private static boolean contains(int[] genres, int genre) {
    for (int g : genres) {
      if (g == genre) {
        return true;
      }
    }
    return false;
  }

  /**
   * The list for {@code user} from {@code scores} (one per item).
   *
   * @param explainer why an item is recommended; may return null
   */
  public List<Recommendation> apply(float[] scores, UserContext user, Request request,
      IntFunction<Explanation> explainer) {
    return apply(Candidates.all(scores.length), scores, request, i -> eligible(i, user, request),
        explainer);
  }

  /**
   * The list from the candidates' {@code scores} ({@code scores[k]} for {@code candidates.item(k)}),
   * taking only items {@code eligible} accepts.
   */
  List<Recommendation> apply(Candidates candidates, float[] scores, Request request,
      IntPredicate eligible, IntFunction<Explanation> explainer) {
    int n = request.n();
    int[] pool = TopN.select(scores, candidates.size(), n * settings.poolFactor(),
        k -> eligible.test(candidates.item(k)));
    int perGenre = Math.max(1, (int) Math.ceil(settings.genreShare() * n));
    Map<Integer, Integer> genreCount = new HashMap<>();
    Map<Integer, Integer> seriesCount = new HashMap<>();
    List<Integer> chosen = new ArrayList<>();
    List<Integer> heldBack = new ArrayList<>();
    for (int k : pool) {
      if (chosen.size() == n) {
        break;
      }
      int item = candidates.item(k);
      int[] genres = items.genresOf(item);
      int genre = genres.length > 0 ? genres[0] : -1;
      int series = items.seriesOf(item);
      boolean genreFull = genre >= 0 && genreCount.getOrDefault(genre, 0) >= perGenre;
      boolean seriesFull =
          series >= 0 && seriesCount.getOrDefault(series, 0) >= settings.maxPerSeries();
      if (genreFull || seriesFull) {
        heldBack.add(k);
      } else {
        chosen.add(k);
        genreCount.merge(genre, 1, Integer::sum);
        seriesCount.merge(series, 1, Integer::sum);
      }
    }
    for (int k = 0; chosen.size() < n && k < heldBack.size(); k++) {
      chosen.add(heldBack.get(k));
    }
    List<Recommendation> list = new ArrayList<>(chosen.size());
    for (int k : chosen) {
      int item = candidates.item(k);
      Explanation e = explainer.apply(item);
      list.add(new Recommendation(item, items.items().id(item), items.title(item), items.kind(item), scores[k],
          e != null ? e : Explanation.popular()));
    }
    return list;
  }
}
