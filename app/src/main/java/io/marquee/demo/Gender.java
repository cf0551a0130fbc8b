package io.marquee.demo;

import java.util.SplittableRandom;

/** Users' declared gender and its nudges to genre tastes; {@link #draw} knows the shares. */
enum Gender {
  FEMALE(
      "female",
      "romance:1.8,drama:1.3,family:1.2,horror:0.8,action:0.75,sci-fi:0.8,"
          + "pop:1.4,k-pop:1.6,hip-hop:0.9,rock:0.85,electronic:0.85"),
  MALE(
      "male",
      "action:1.35,sci-fi:1.3,horror:1.15,crime:1.15,romance:0.6,documentary:1.1,"
          + "rock:1.3,hip-hop:1.15,electronic:1.2,pop:0.8,k-pop:0.6"),
  NON_BINARY("non-binary", "fantasy:1.5,animation:1.4,sci-fi:1.3,drama:1.1,electronic:1.4,pop:1.2");

  private static final Gender[] VALUES = values();
  private static final double[] SHARES = {49, 48, 3};

  final String label;
  private final double[] taste;

  Gender(String label, String taste) {
    this.label = label;
    this.taste = TasteModel.multipliers(taste);
  }

  static Gender draw(SplittableRandom rng) {
    return VALUES[Rng.weighted(rng, SHARES)];
  }

  double taste(int genre) {
    return taste[genre];
  }
}
