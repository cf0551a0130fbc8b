package io.marquee.access;

import java.util.Locale;

/**
 * What an API key may do. {@code write}: collect events only. {@code analyst}: aggregates and
 * profiles without personal data. {@code marketer}: audiences and their exports, and everything an
 * analyst may (an audience is defined from the same aggregates and profiles). {@code admin}:
 * everything, including personal data, privacy operations and keys.
 *
 * <p>The order is not a ladder: {@code write} implies nothing else and nothing but {@code admin}
 * implies it, so a leaked collection key reads nothing and an analyst key cannot forge events.
 */
public enum Role {
  WRITE,
  ANALYST,
  MARKETER,
  ADMIN;

  /** True if a key with this role may do what {@code required} is needed for. */
  public boolean allows(Role required) {
    return this == required || this == ADMIN || (this == MARKETER && required == ANALYST);
  }

  /** The lower-case name used on the command line and in {@code api-keys.json}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name, case-insensitively. */
  public static Role parse(String name) {
    for (Role r : values()) {
      if (r.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role " + name + "; one of write, analyst, marketer, admin");
  }
}
