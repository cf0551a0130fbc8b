package io.marquee.demo;

import java.util.List;

/** The fixed genre vocabularies; a genre is addressed by its index in {@link #ALL}. */
final class Genres {
  static final List<String> VIDEO =
      List.of(
          "action", "adventure", "animation", "comedy", "crime", "documentary", "drama", "family",
          "fantasy", "horror", "romance", "sci-fi", "thriller", "kids");
  static final List<String> MUSIC =
      List.of(
          "pop", "rock", "hip-hop", "electronic", "jazz", "classical", "country", "latin", "k-pop");

  /** Video genres first, then music genres. */
  static final List<String> ALL = concat();

  static final int COUNT = ALL.size();
  static final int FIRST_MUSIC = VIDEO.size();

  static final int ACTION = index("action");
  static final int ADVENTURE = index("adventure");
  static final int ANIMATION = index("animation");
  static final int COMEDY = index("comedy");
  static final int CRIME = index("crime");
  static final int DOCUMENTARY = index("documentary");
  static final int DRAMA = index("drama");
  static final int FAMILY = index("family");
  static final int FANTASY = index("fantasy");
  static final int HORROR = index("horror");
  static final int ROMANCE = index("romance");
  static final int SCI_FI = index("sci-fi");
  static final int THRILLER = index("thriller");
  static final int KIDS = index("kids");
  static final int POP = index("pop");
  static final int ROCK = index("rock");
  static final int HIP_HOP = index("hip-hop");
  static final int ELECTRONIC = index("electronic");
  static final int JAZZ = index("jazz");
  static final int CLASSICAL = index("classical");
  static final int COUNTRY = index("country");
  static final int LATIN = index("latin");
  static final int K_POP = index("k-pop");

  private Genres() {}

  static int index(String genre) {
    int i = ALL.indexOf(genre);
    if (i < 0) {
      throw new IllegalArgumentException("unknown genre " + genre);
    }
    return i;
  }

  static String name(int genre) {
    return ALL.get(genre);
  }

  static boolean isMusic(int genre) {
    return genre >= FIRST_MUSIC;
  }

  /** Whether a genre suits children: its titles get the mildest maturity ratings. */
  static boolean isChildFriendly(int genre) {
    return genre == KIDS || genre == FAMILY || genre == ANIMATION;
  }

  private static List<String> concat() {
    String[] all = new String[VIDEO.size() + MUSIC.size()];
    for (int i = 0; i < VIDEO.size(); i++) {
      all[i] = VIDEO.get(i);
    }
    for (int i = 0; i < MUSIC.size(); i++) {
      all[VIDEO.size() + i] = MUSIC.get(i);
    }
    return List.of(all);
  }
}
