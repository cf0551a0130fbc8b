package io.marquee.audiences;

/**
 * The source of lookalike audiences that a rule's {@code lookalike} node reads ({@link
 * LookalikeFinder} on a node): the users of a country most similar to a seed audience.
 */
interface Lookalikes {
  /** Fewest current members a seed audience needs. */
  int MIN_SEED = 100;
  /** Smallest share of a country's eligible users a lookalike may take. */
  double MIN_SHARE = 0.01;
  /** Largest share of a country's eligible users a lookalike may take. */
  double MAX_SHARE = 0.10;

  /**
   * The lookalike of {@code seed} in {@code country} taking {@code share} of its eligible users.
   *
   * @param country ISO 3166 alpha-2, upper case
   * @param share from {@link #MIN_SHARE} to {@link #MAX_SHARE}
   * @throws Refused when it cannot be computed now
   */
  LookalikeSelection select(String seed, String country, double share);

  /** Why a lookalike cannot be computed. */
  enum Problem {
    /** No saved audience has the seed's id. */
    UNKNOWN_SEED,
    /** The seed has fewer than {@link #MIN_SEED} current members. */
    SMALL_SEED,
    /** No personal (trained) recommendation model is served. */
    NO_MODEL
  }

  /** A lookalike that cannot be computed now, and why. */
  final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Problem problem;

    Refused(Problem problem, String message) {
      super(message);
      this.problem = problem;
    }

    Problem problem() {
      return problem;
    }
  }
}
