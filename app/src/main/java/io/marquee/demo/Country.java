package io.marquee.demo;

import java.util.SplittableRandom;

/** The countries demo users live in: share of users, locales, UTC offset and local tastes. */
enum Country {
  US(30, "en-US", "es-US", 0.12, -5 * 60, "country:2.0,hip-hop:1.2"),
  GB(8, "en-GB", null, 0, 0, "documentary:1.3,crime:1.2,electronic:1.2"),
  FR(6, "fr-FR", null, 0, 60, "drama:1.3,romance:1.2,electronic:1.3"),
  DE(7, "de-DE", null, 0, 60, "crime:1.3,documentary:1.2,electronic:1.5"),
  BR(10, "pt-BR", null, 0, -3 * 60, "latin:3.0,romance:1.2,comedy:1.2"),
  IN(12, "en-IN", "hi-IN", 0.35, 330, "drama:1.5,romance:1.6,family:1.3,pop:1.2"),
  JP(7, "ja-JP", null, 0, 9 * 60, "animation:2.2,fantasy:1.4,k-pop:1.6"),
  ES(5, "es-ES", null, 0, 60, "latin:2.5,comedy:1.2"),
  MX(8, "es-MX", null, 0, -6 * 60, "latin:3.0,family:1.2,horror:1.2"),
  CA(7, "en-CA", "fr-CA", 0.22, -5 * 60, "country:1.5,documentary:1.1");

  private static final Country[] VALUES = values();
  private static final double[] SHARES = shares();

  final String locale;
  final String otherLocale;
  final double otherLocaleShare;
  final int utcOffsetMinutes;
  private final double share;
  private final double[] taste;

  Country(
      double share,
      String locale,
      String otherLocale,
      double otherLocaleShare,
      int utcOffsetMinutes,
      String taste) {
    this.share = share;
    this.locale = locale;
    this.otherLocale = otherLocale;
    this.otherLocaleShare = otherLocaleShare;
    this.utcOffsetMinutes = utcOffsetMinutes;
    this.taste = TasteModel.multipliers(taste);
  }

  static Country draw(SplittableRandom rng) {
    return VALUES[Rng.weighted(rng, SHARES)];
  }

  String drawLocale(SplittableRandom rng) {
    return otherLocale != null && Rng.chance(rng, otherLocaleShare) ? otherLocale : locale;
  }

  /** How much more (or less) than elsewhere people here like the genre. */
  double taste(int genre) {
    return taste[genre];
  }

  private static double[] shares() {
    double[] shares = new double[VALUES.length];
    for (int i = 0; i < VALUES.length; i++) {
      shares[i] = VALUES[i].share;
    }
    return shares;
  }
}
