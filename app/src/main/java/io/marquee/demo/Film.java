package io.marquee.demo;

import io.marquee.core.Title;

/**
 * A film in the generated catalog, with the hidden quality that drives its popularity, how far
 * viewers get through it and how they rate it.
 *
 * @param genres genre indices ({@link Genres}), primary first
 * @param quality in {@code [0, 1]}
 */
record Film(Title title, int[] genres, double quality) {

  boolean adultOnly() {
    return "R".equals(title.maturityRating());
  }
}
