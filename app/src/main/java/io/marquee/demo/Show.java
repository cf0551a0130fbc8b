package io.marquee.demo;

import io.marquee.core.Title;

/**
 * A series in the generated catalog: its own {@code series}-kind title and its episodes in
 * airing order.
 *
 * @param genres genre indices ({@link Genres}), primary first
 * @param quality in {@code [0, 1]}
 */
record Show(Title title, Title[] episodes, int[] genres, double quality) {

  boolean adultOnly() {
    return "TV-MA".equals(title.maturityRating());
  }
}
