package io.marquee.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Simulates one user over the window: the identify call, then sessions in time order with the
 * watchlist additions, ratings and signed-out episodes around them.
 */
final class UserSimulation {
  /** Share of sessions played signed out, then linked to the user by an alias call. */
  static final double ANONYMOUS_SESSIONS = 0.05;

  private static final String[] DEVICES = {"tv", "mobile", "web"};
  private static final int FILM = 0;
  private static final int SERIES = 1;
  private static final int MUSIC = 2;

  private final Library library;
  private final Profile user;
  private final SplittableRandom rng;
  private final Messages out;
  private final Picker picker;
  private final VideoSessions video;
  private final Timeline window;

  private final boolean personalData;

  UserSimulation(long seed, Library library, Profile user, SplittableRandom rng, Timeline window,
      boolean personalData) {
    this.personalData = personalData;
    this.window = window;
    this.library = library;
    this.user = user;
    this.rng = rng;
    this.out = new Messages(seed, user);
    this.picker = new Picker(library, user, rng);
    this.video = new VideoSessions(library, user, rng, picker);
  }

  List<ObjectNode> run() {
    long from = Math.max(window.start, user.createdAt() + 10 * Timeline.MINUTE);
    long[] starts = window.sessionStarts(user.sessions(), from, user.country(), rng);
    long identifyAt = user.createdAt();
    if (identifyAt < window.start) {
      long untilFirst = starts.length > 0 ? starts[0] - window.start : Timeline.DAY;
      identifyAt = window.start + rng.nextLong(Math.max(1, untilFirst));
    }
    ObjectNode traits = traits();
    if (personalData) {
      PersonalDetails.addTo(traits, user, identifyAt);
    }
    out.identify(identifyAt, traits);
    long free = identifyAt;
    for (long planned : starts) {
      long start = Math.max(planned, free + 5 * Timeline.MINUTE + rng.nextLong(Timeline.HOUR));
      if (start > window.lastStart) {
        break;
      }
      free = session(start);
    }
    return out.messages();
  }

  /** Plays one session starting at {@code start}; returns when its last message was sent. */
  private long session(long start) {
    out.device(Rng.chance(rng, 0.75) ? user.device() : Rng.pick(rng, DEVICES));
    String anonymousId = Rng.chance(rng, ANONYMOUS_SESSIONS) ? uuid() : null;
    out.anonymous(anonymousId);
    int kind = Rng.weighted(rng, user.mix());
    long at = start;
    if (kind != MUSIC && anonymousId == null && Rng.chance(rng, user.watchlistChance())) {
      at = browse(at);
    }
    Player player = new Player(out, rng, kind == MUSIC, user.adChance(), at);
    Played played =
        kind == FILM
            ? video.film(player)
            : kind == SERIES
                ? video.series(player)
                : MusicSession.play(library, user, picker, rng, player);
    at = player.now();
    if (anonymousId != null) {
      at += 10_000 + rng.nextInt(600_000);
      out.anonymous(null);
      out.alias(at, anonymousId);
    } else if (played != null && Rng.chance(rng, user.rateChance() / (kind == MUSIC ? 4 : 1))) {
      at = rate(at, played);
    }
    return at;
  }

  /** A {@code Content Rated} call shortly after playing; returns when it was sent. */
  private long rate(long at, Played played) {
    at += 5_000 + rng.nextInt(60_000);
    ObjectNode properties = Messages.NODES.objectNode();
    properties.put("asset_id", played.assetId());
    properties.put("rating", Liking.stars(played.liking(), played.watched(), rng));
    out.track(at, "Content Rated", properties);
    return at;
  }

  /** Adds one or two titles to the watchlist before playing; returns when playing starts. */
  private long browse(long at) {
    int adds = Rng.chance(rng, 0.7) ? 1 : 2;
    for (int i = 0; i < adds; i++) {
      at += 5_000 + rng.nextInt(90_000);
      ObjectNode properties = Messages.NODES.objectNode();
      properties.put("asset_id", picker.addToWatchlist());
      out.track(at, "Added to Watchlist", properties);
    }
    return at + 5_000 + rng.nextInt(60_000);
  }

  /** The identify traits without personal data (see {@link PersonalDetails} for those). */
  private ObjectNode traits() {
    ObjectNode traits = Messages.NODES.objectNode();
    traits.put("age", user.age());
    traits.put("gender", user.gender().label);
    traits.put("country", user.country().name());
    ArrayNode interests = traits.putArray("interests");
    for (int g : user.interests()) {
      interests.add(Genres.name(g));
    }
    traits.put("plan", user.plan());
    traits.put("created_at", IsoTime.format(user.createdAt()));
    return traits;
  }

  private String uuid() {
    long high = (rng.nextLong() & ~0xF000L) | 0x4000L;
    long low = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
