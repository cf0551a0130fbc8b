package io.marquee.recommend;

/**
 * Why an item is recommended, as one short sentence for the viewer ("because you watched Alien",
 * "popular with 25-34 viewers in FR", "you like sci-fi") and a machine-readable kind.
 *
 * @param kind {@code watched}, {@code similar}, {@code demographic}, {@code interest}, {@code
 *     series}, {@code trending} or {@code popular}
 * @param relatedItem the history item the explanation points to ({@code watched}, {@code
 *     similar}, {@code series}), -1 otherwise
 */
public record Explanation(String kind, String text, int relatedItem) {
  static Explanation popular() {
    return new Explanation("popular", "popular on Marquee", -1);
  }
}
