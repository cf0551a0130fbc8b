package io.marquee.demo;

import io.marquee.core.Title;

/**
 * A music track in the generated catalog.
 *
 * @param genre genre index ({@link Genres}) of the artist
 * @param next index of the following track on the same album, or -1 for the album's last track
 * @param quality in {@code [0, 1]}
 */
record Track(Title title, int genre, String artist, int next, double quality) {}
