package io.marquee.demo;

import io.marquee.core.Title;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Plays one user's film and series sessions; remembers which series they are part-way through
 * so later sessions continue them, often several episodes at a time.
 */
final class VideoSessions {
  private static final int MAX_EPISODES_PER_SESSION = 8;
  private static final long MAX_BINGE_MILLIS = 6 * Timeline.HOUR;
  private static final double CONTINUE_SERIES = 0.55;

  private final Library library;
  private final Profile user;
  private final SplittableRandom rng;
  private final Picker picker;

  /** Series the user is watching: series index to the index of the next episode. */
  private final Map<Integer, Integer> inProgress = new LinkedHashMap<>();

  VideoSessions(Library library, Profile user, SplittableRandom rng, Picker picker) {
    this.library = library;
    this.user = user;
    this.rng = rng;
    this.picker = picker;
  }

  /** One film: watched to the end, or abandoned part-way. */
  Played film(Player player) {
    Film film = library.films[picker.film()];
    Title title = film.title();
    player.startPlayback(title);
    player.startContent(title, null);
    double liking = Liking.of(user, user.affinity(film.genres()), film.quality(), title.assetId());
    boolean finishes = Rng.chance(rng, Liking.finishFilm(liking));
    watch(player, finishes);
    if (finishes) {
      player.completePlayback();
    }
    return new Played(title.assetId(), liking, (double) player.position() / player.total());
  }

  /** Consecutive episodes of one series in one playback session, until done or abandoned. */
  Played series(Player player) {
    int index = chooseShow();
    Show show = library.shows[index];
    Title[] episodes = show.episodes();
    int next = inProgress.containsKey(index) ? inProgress.get(index) : firstEpisode(episodes);
    int planned = 1 + Math.min(Rng.geometric(rng, user.bingeMean()), MAX_EPISODES_PER_SESSION - 1);
    double liking =
        Liking.of(user, user.affinity(show.genres()), show.quality(), show.title().assetId());
    long start = player.now();
    player.startPlayback(episodes[next]);
    int finished = 0;
    boolean abandoned = false;
    while (!abandoned && finished < planned && next < episodes.length) {
      if (finished > 0) {
        if (player.now() - start > MAX_BINGE_MILLIS) {
          break;
        }
        player.idle(5_000 + rng.nextInt(10_000));
      }
      player.startContent(episodes[next], null);
      double episodeLiking = Math.min(0.99, Math.max(0.01, liking + 0.1 * rng.nextGaussian()));
      abandoned = !Rng.chance(rng, Liking.finishEpisode(episodeLiking));
      watch(player, !abandoned);
      if (!abandoned) {
        finished++;
        next++;
      }
    }
    if (!abandoned) {
      player.completePlayback();
    }
    if (next >= episodes.length || (abandoned && liking < 0.3 && Rng.chance(rng, 0.5))) {
      inProgress.remove(index);
    } else {
      inProgress.put(index, next);
    }
    double watched = (finished + (abandoned ? 0.5 : 0)) / (double) planned;
    return new Played(show.title().assetId(), liking, Math.min(1, watched));
  }

  /** Plays the started content to its end (then completes it) or abandons it part-way. */
  private void watch(Player player, boolean finishes) {
    if (finishes) {
      player.play(player.total(), true);
      player.completeContent();
    } else {
      player.play((int) (player.total() * Liking.abandonAt(rng)), false);
      player.abandon(Rng.chance(rng, 0.25));
    }
  }

  private int chooseShow() {
    if (!inProgress.isEmpty() && Rng.chance(rng, CONTINUE_SERIES)) {
      Integer[] shows = inProgress.keySet().toArray(new Integer[0]);
      return shows[rng.nextInt(shows.length)];
    }
    return picker.show();
  }

  /** Usually the pilot; sometimes the first episode of a later season. */
  private int firstEpisode(Title[] episodes) {
    if (Rng.chance(rng, 0.85)) {
      return 0;
    }
    int season = 1 + rng.nextInt(episodes[episodes.length - 1].season());
    for (int i = 0; i < episodes.length; i++) {
      if (episodes[i].season() == season) {
        return i;
      }
    }
    return 0;
  }
}
