package io.marquee.recommend;

import java.util.List;

/** The recommenders by name, with the settings tuned for them; the names are the CLI's. */
public final class Recommenders {
  /** Every model, in the order {@code --algorithm all} runs them. */
  public static final List<String> NAMES =
      List.of("popularity", "trending", "demographic", "content", "ease", "ials", "hybrid");

  /** Half-life of trending popularity, in days. */
  public static final double TRENDING_HALF_LIFE_DAYS = 14;

  private Recommenders() {}

  /** A new, untrained model; {@code seed} seeds the models that draw random numbers. */
  public static Recommender create(String name, long seed) {
    return switch (name) {
      case "popularity" -> Popularity.global();
      case "trending" -> Popularity.trending(TRENDING_HALF_LIFE_DAYS);
      case "demographic" -> new CellPopularity();
      case "content" -> new ContentBased();
      case "ease" -> new Ease();
      case "ials" -> new ImplicitAls(ImplicitAls.Params.defaults().withSeed(seed));
      case "hybrid" -> Hybrid.standard(seed);
      default -> throw new IllegalArgumentException(
          "unknown algorithm " + name + "; choose from " + String.join(", ", NAMES) + " or all");
    };
  }
}
