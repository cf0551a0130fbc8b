package io.marquee.recommend;

import io.marquee.core.Title;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The node service that scores one title for every user of the current model set ({@link
 * TrainedModel#affinity}): how audiences rank users by predicted affinity without depending on the
 * recommender's internals. Offered by {@link RecommendCapability}.
 */
public interface Affinities {

  /**
   * The affinity of every user of the model set being served for {@code assetId} ({@link
   * TrainedModel#affinity(String, Title, Function)}); empty for a title neither the model set nor the
   * catalog knows. A title added to the catalog after the training is scored from its catalog entry.
   *
   * @throws Unavailable when no personal model set is served yet
   */
  Optional<Affinity> of(String assetId);

  /** No personal model set is served (none loaded yet, or only popularity before a first training). */
  final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String reason) {
      super(reason);
    }
  }

  /** The service over {@code service}'s current model set, knowing no catalog beyond the model's data. */
  static Affinities serving(RecommendationService service) {
    return serving(service, id -> Optional.empty(), Map::of);
  }

  /**
   * The service over {@code service}'s current model set and the catalog: {@code titles} reads an
   * asset id's current entry, {@code releaseYears} every title's release year ({@link ServedAffinities}).
   */
  static Affinities serving(RecommendationService service, Function<String, Optional<Title>> titles,
      Supplier<Map<String, Integer>> releaseYears) {
    return new ServedAffinities(service, titles, releaseYears);
  }
}
