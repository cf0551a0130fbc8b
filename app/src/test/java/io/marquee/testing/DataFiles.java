package io.marquee.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What the files under a data dir hold, byte for byte: the check that no plaintext reached the disk. */
public final class DataFiles {
  private DataFiles() {}

  /** "FILE contains NEEDLE" for every regular file under {@code dir} holding one of the needles. */
  public static List<String> containing(Path dir, String... needles) throws IOException {
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        for (String n : needles) {
          if (content.contains(n)) {
            hits.add(f + " contains " + n);
          }
        }
      }
    }
    return hits;
  }
}
