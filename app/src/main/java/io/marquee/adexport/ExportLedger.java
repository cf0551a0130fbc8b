package io.marquee.adexport;

import io.marquee.vault.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Who was last exported, per audience and format, for {@code --removals}: one file a pair under
 * {@code DATA_DIR/exports/}, named by the SHA-256 of the audience id and the format, holding the
 * keyed digests (the audit log's {@code subjectOf}, HMAC-SHA-256 under the data dir's subject key)
 * of the user ids sent, one a line, sorted. No id and no personal field is written: a digest can
 * only be matched by someone who holds the key and a candidate id.
 */
final class ExportLedger {
  static final String DIR = "exports";
  private final Path dir;
  private final UnaryOperator<String> digest;

  ExportLedger(Path dataDir, UnaryOperator<String> digest) {
    this.dir = dataDir.resolve(DIR);
    this.digest = digest;
  }

  /** The keyed digest of a user id. */
  String digest(String userId) {
    return digest.apply(userId);
  }

  /** The digests of the last export of that audience and format (empty if none). */
  Set<String> last(String audienceId, AdFormat format) throws IOException {
    Path f = file(audienceId, format);
    if (!Files.exists(f)) {
      return Set.of();
    }
    Set<String> out = new HashSet<>();
    for (String line : Files.readAllLines(f, StandardCharsets.US_ASCII)) {
      if (!line.isBlank()) {
        out.add(line.strip());
      }
    }
    return out;
  }

  /** Records {@code digests} as what the platform now holds for that audience and format. */
  void record(String audienceId, AdFormat format, Collection<String> digests) throws IOException {
    Files.createDirectories(dir);
    StringBuilder b = new StringBuilder(digests.size() * 33);
    for (String d : new TreeSet<>(digests)) {
      b.append(d).append('\n');
    }
    SecureFiles.replace(file(audienceId, format), b.toString().getBytes(StandardCharsets.US_ASCII));
  }

  private Path file(String audienceId, AdFormat format) {
    return dir.resolve(Normalize.sha256(audienceId).substring(0, 32) + "-" + format.wireName() + ".digests");
  }
}
