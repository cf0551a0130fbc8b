package io.marquee.recommend;

import io.marquee.core.Title;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link Affinities} over a recommendation service's current model set and the catalog. The last
 * answer is kept and given again while the model set and the title's catalog entry are the same: a
 * for-title request scores its title twice (to size the audience, then in the saved rule), and a
 * cold-start score of every user is the costly part.
 */
final class ServedAffinities implements Affinities {
  private final RecommendationService service;
  private final Function<String, Optional<Title>> titles;
  private final Supplier<Map<String, Integer>> releaseYears;
  private final AtomicReference<Last> last = new AtomicReference<>();

  /** The last answer and what it was computed from. */
  private record Last(TrainedModel model, String assetId, Title described, Affinity affinity) {}

  /**
   * @param titles an asset id's current catalog entry
   * @param releaseYears every catalog title's release year, by asset id (read once per scoring)
   */
  ServedAffinities(RecommendationService service, Function<String, Optional<Title>> titles,
      Supplier<Map<String, Integer>> releaseYears) {
    this.service = service;
    this.titles = titles;
    this.releaseYears = releaseYears;
  }

  @Override
  public Optional<Affinity> of(String assetId) {
    TrainedModel model = service.current().orElseThrow(() -> new Unavailable(
        "no recommendation model is loaded yet: the first one is loading or training"));
    if (!model.personal()) {
      throw new Unavailable("the recommender serves popularity only until its first training finishes "
          + "(POST /v1/admin/recommendations/train)");
    }
    Title described = titles.apply(assetId).orElse(null);
    Last before = last.get();
    if (before != null && before.model() == model && before.assetId().equals(assetId)
        && Objects.equals(before.described(), described)) {
      return Optional.ofNullable(before.affinity());
    }
    Map<String, Integer> years = releaseYears.get();
    Affinity a = model.affinity(assetId, described, years::get);
    last.set(new Last(model, assetId, described, a));
    return Optional.ofNullable(a);
  }
}
