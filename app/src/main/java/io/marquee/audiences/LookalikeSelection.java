package io.marquee.audiences;

import java.util.List;

/**
 * One computation of a lookalike audience ({@link LookalikeFinder}): the users it selects, best
 * first, and what the answer shows beside them.
 *
 * @param seed the seed audience's id
 * @param country ISO 3166 alpha-2
 * @param share the share of the country's eligible users taken
 * @param eligible the country's eligible users, seed members included (the population of the share)
 * @param selected the lookalike's users, best first; at most {@code floor(share x eligible)}
 * @param seedMeanScore the mean score of the seed's own members against their centroid (NaN when none)
 * @param modelTrainedAt when the model whose factors were compared was trained, epoch seconds
 */
record LookalikeSelection(String seed, String country, double share, int eligible, List<LookalikeScorer.Scored> selected,
    double seedMeanScore, long modelTrainedAt) {
  LookalikeSelection {
    selected = List.copyOf(selected);
  }

  /** How many users a share of the country's eligible users is: {@code floor(share x eligible)}. */
  static int quota(double share, int eligible) {
    // a hair above the share's decimal value, so that 0.07 x 100 is 7 and not 6.999...
    return (int) Math.floor(share * eligible + 1e-9);
  }

  /** The lowest score of a selected user, the similarity threshold; NaN when none is selected. */
  double threshold() {
    return selected.isEmpty() ? Double.NaN : selected.get(selected.size() - 1).score();
  }

  /** The user ids selected, best first. */
  List<String> userIds() {
    return selected.stream().map(LookalikeScorer.Scored::userId).toList();
  }
}
