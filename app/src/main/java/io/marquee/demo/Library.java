package io.marquee.demo;

import io.marquee.core.Title;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The generated catalog with its popularity indices; immutable once built, so any number of users
 * can be simulated against it in parallel.
 */
final class Library {
  final Film[] films;
  final Show[] shows;
  final Track[] tracks;
  final PopularityIndex filmsForAll;
  final PopularityIndex filmsForMinors;
  final PopularityIndex showsForAll;
  final PopularityIndex showsForMinors;
  final PopularityIndex trackIndex;
  private final List<Title> titles;

  /** Indexes the items; {@code *Popularity[i]} ranks item i within each of its genres. */
  Library(
      Film[] films,
      Show[] shows,
      Track[] tracks,
      double[] filmPopularity,
      double[] showPopularity,
      double[] trackPopularity) {
    this.films = films;
    this.shows = shows;
    this.tracks = tracks;
    filmsForAll =
        PopularityIndex.build(films.length, i -> films[i].genres(), i -> true, filmPopularity);
    filmsForMinors =
        PopularityIndex.build(
            films.length, i -> films[i].genres(), i -> !films[i].adultOnly(), filmPopularity);
    showsForAll =
        PopularityIndex.build(shows.length, i -> shows[i].genres(), i -> true, showPopularity);
    showsForMinors =
        PopularityIndex.build(
            shows.length, i -> shows[i].genres(), i -> !shows[i].adultOnly(), showPopularity);
    trackIndex =
        PopularityIndex.build(
            tracks.length, i -> new int[] {tracks[i].genre()}, i -> true, trackPopularity);
    titles = Collections.unmodifiableList(collect(films, shows, tracks));
  }

  /** Every title: films, then each series followed by its episodes, then tracks. */
  List<Title> titles() {
    return titles;
  }

  PopularityIndex films(boolean minor) {
    return minor ? filmsForMinors : filmsForAll;
  }

  PopularityIndex shows(boolean minor) {
    return minor ? showsForMinors : showsForAll;
  }

  private static List<Title> collect(Film[] films, Show[] shows, Track[] tracks) {
    List<Title> all = new ArrayList<>();
    for (Film f : films) {
      all.add(f.title());
    }
    for (Show s : shows) {
      all.add(s.title());
      Collections.addAll(all, s.episodes());
    }
    for (Track t : tracks) {
      all.add(t.title());
    }
    return all;
  }
}
