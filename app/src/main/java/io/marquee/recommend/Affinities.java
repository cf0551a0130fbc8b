package io.marquee.recommend;

import java.util.Optional;

/**
 * The node service that scores one title for every user of the current model set ({@link
 * TrainedModel#affinity}): how audiences rank users by predicted affinity without depending on the
 * recommender's internals. Offered by {@link RecommendCapability}.
 */
public interface Affinities {

  /**
   * The affinity of every user of the model set being served for {@code assetId}; empty for a
   * title the model set does not know (added to the catalog after its training).
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

  /** The service over {@code service}'s current model set. */
  static Affinities serving(RecommendationService service) {
    return assetId -> {
      TrainedModel model = service.current().orElseThrow(() -> new Unavailable(
          "no recommendation model is loaded yet: the first one is loading or training"));
      if (!model.personal()) {
        throw new Unavailable("the recommender serves popularity only until its first training finishes "
            + "(POST /v1/admin/recommendations/train)");
      }
      return Optional.ofNullable(model.affinity(assetId));
    };
  }
}
