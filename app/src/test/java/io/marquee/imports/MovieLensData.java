package io.marquee.imports;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the MovieLens data sets shared outside the repository, at {@code shared/data/<name>} beside
 * the working directory or one of its ancestors; tests that need one are skipped without it.
 */
final class MovieLensData {
  private MovieLensData() {}

  static Path find(String name) {
    Path relative = Path.of("shared", "data", name);
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    assumeTrue(
        false,
        "MovieLens " + name + " not found at shared/data/" + name + " beside "
            + Path.of("").toAbsolutePath() + " or any parent; skipping");
    throw new AssertionError("unreachable");
  }
}
