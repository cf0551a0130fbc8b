package io.marquee.demo;

import java.util.SplittableRandom;

/** Word lists and the invented, readable names built from them. */
final class Words {
  private static final String[] ADJECTIVES = {
    "Silent", "Crimson", "Hidden", "Broken", "Golden", "Last", "Midnight", "Wild", "Frozen",
    "Distant", "Hollow", "Burning", "Secret", "Electric", "Velvet", "Iron", "Lost", "Quiet",
    "Scarlet", "Silver", "Endless", "Forgotten", "Bright", "Restless", "Savage", "Gentle", "Neon",
    "Paper", "Stolen", "Northern", "Final", "Little", "Brave", "Dark", "Lucky", "Wandering",
    "Second", "Sleeping", "Shattered", "Glass", "Sunlit", "Faded", "Rising", "Falling", "Hungry",
    "Lonely", "Cosmic", "Rusty", "Summer", "Winter", "Copper", "Emerald", "Fearless", "Tiny"
  };
  private static final String[] NOUNS = {
    "Harbor", "Horizon", "Kingdom", "Garden", "River", "Signal", "Empire", "Shadow", "Promise",
    "Orchard", "Frontier", "Lantern", "Voyage", "Echo", "Mirror", "Station", "Island", "Crown",
    "Storm", "Circus", "Letter", "Machine", "Forest", "Planet", "Hotel", "Bridge", "Canyon",
    "Heart", "Winter", "Engine", "Tide", "Detective", "Orbit", "Dragon", "Melody", "Border",
    "Window", "Compass", "Castle", "Desert", "Witness", "Fortune", "Galaxy", "Tower", "Robot",
    "Carnival", "Summit", "Harvest", "Comet", "Mountain", "Stranger", "Alley", "Meadow", "Vault"
  };
  private static final String[] PLACES = {
    "Avalon", "Brookhaven", "Cairo", "Dunmore", "Eldoria", "Fairview", "Granada", "Halloway",
    "Istanbul", "Juniper Bay", "Kestrel Point", "Lisbon", "Marrow Creek", "Nightvale", "Oslo",
    "Pinecrest", "Riverton", "Saltmarsh", "Tokyo", "Umber Falls", "Valparaiso", "Westerly"
  };
  private static final String[] FIRST = {
    "Ada", "Ben", "Cleo", "Dev", "Elena", "Finn", "Gia", "Hugo", "Iris", "Jonah", "Kai", "Lena",
    "Mateo", "Nina", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Viktor", "Yuki"
  };
  private static final String[] LAST = {
    "Vance", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Reyes", "Kowalski", "Byrne", "Haddad",
    "Silva", "Novak", "Park", "Dubois", "Castillo", "Weber", "Nakamura", "Ferreira", "Ahmed"
  };
  private static final String[] VERBS = {
    "Chasing", "Dancing", "Running", "Waiting", "Falling", "Dreaming", "Burning", "Calling",
    "Drifting", "Holding", "Breaking", "Flying", "Singing", "Counting", "Finding", "Losing"
  };
  private static final String[] THINGS = {
    "Lights", "Stars", "Rain", "Ghosts", "Waves", "Shadows", "Fire", "Echoes", "Hearts", "Roads",
    "Clouds", "Bones", "Sparks", "Mirrors", "Wolves", "Bells", "Diamonds", "Horses", "Rivers"
  };

  private Words() {}

  /** A film name such as "The Silent Harbor" or "Kestrel Point Detective". */
  static String film(SplittableRandom rng) {
    switch (rng.nextInt(6)) {
      case 0:
        return "The " + Rng.pick(rng, ADJECTIVES) + " " + Rng.pick(rng, NOUNS);
      case 1:
        return Rng.pick(rng, NOUNS) + " of " + Rng.pick(rng, PLACES);
      case 2:
        return Rng.pick(rng, PLACES) + " " + Rng.pick(rng, NOUNS);
      case 3:
        return Rng.pick(rng, FIRST) + "'s " + Rng.pick(rng, NOUNS);
      case 4:
        return Rng.pick(rng, ADJECTIVES) + " " + Rng.pick(rng, THINGS);
      default:
        return "The " + Rng.pick(rng, NOUNS) + " and the " + Rng.pick(rng, NOUNS);
    }
  }

  /** A series name such as "Nightvale" or "The Copper Station". */
  static String series(SplittableRandom rng) {
    switch (rng.nextInt(4)) {
      case 0:
        return Rng.pick(rng, PLACES);
      case 1:
        return "The " + Rng.pick(rng, ADJECTIVES) + " " + Rng.pick(rng, NOUNS);
      case 2:
        return Rng.pick(rng, NOUNS) + "s";
      default:
        return Rng.pick(rng, LAST) + " & " + Rng.pick(rng, LAST);
    }
  }

  /** An episode name such as "The Letter" or "Burning Bridge". */
  static String episode(SplittableRandom rng) {
    return rng.nextBoolean()
        ? "The " + Rng.pick(rng, NOUNS)
        : Rng.pick(rng, ADJECTIVES) + " " + Rng.pick(rng, NOUNS);
  }

  /** An artist name: a band ("Velvet Wolves") or a person ("Priya Moreau"). */
  static String artist(SplittableRandom rng) {
    return rng.nextInt(3) == 0
        ? Rng.pick(rng, FIRST) + " " + Rng.pick(rng, LAST)
        : Rng.pick(rng, ADJECTIVES) + " " + Rng.pick(rng, THINGS);
  }

  /** An album name such as "Neon Orbit". */
  static String album(SplittableRandom rng) {
    return rng.nextBoolean()
        ? Rng.pick(rng, ADJECTIVES) + " " + Rng.pick(rng, NOUNS)
        : Rng.pick(rng, NOUNS) + " " + Rng.pick(rng, THINGS);
  }

  /** A song name such as "Chasing Lights". */
  static String song(SplittableRandom rng) {
    switch (rng.nextInt(3)) {
      case 0:
        return Rng.pick(rng, VERBS) + " " + Rng.pick(rng, THINGS);
      case 1:
        return Rng.pick(rng, ADJECTIVES) + " " + Rng.pick(rng, THINGS);
      default:
        return Rng.pick(rng, VERBS) + " " + Rng.pick(rng, PLACES);
    }
  }
}
