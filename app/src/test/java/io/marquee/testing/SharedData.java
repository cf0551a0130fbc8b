package io.marquee.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Finds the shared MovieLens data next to the repository ({@code ../shared/data}). */
public final class SharedData {
  private SharedData() {}

  public static Path movieLens(String name) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("shared").resolve("data").resolve(name);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    Assumptions.abort("shared/data/" + name + " not found above " + Path.of("").toAbsolutePath());
    return null;
  }
}
