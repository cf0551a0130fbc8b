package io.marquee.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids of erased users, kept only as salted SHA-256 digests ({@code privacy/suppressions}), so
 * that later events for them are dropped without the list naming anyone.
 */
public final class Suppressions {
  private final Path file;
  private final byte[] salt;
  private final Set<String> digests = ConcurrentHashMap.newKeySet();

  private Suppressions(Path file, byte[] salt) {
    this.file = file;
    this.salt = salt;
  }

  public static Suppressions open(Path dataDir) throws IOException {
    Path dir = dataDir.resolve("privacy");
    Files.createDirectories(dir);
    Path saltFile = dir.resolve("suppression.salt");
    if (!Files.exists(saltFile)) {
      byte[] s = new byte[32];
      new SecureRandom().nextBytes(s);
      Files.write(saltFile, s, StandardOpenOption.CREATE_NEW);
    }
    Suppressions out = new Suppressions(dir.resolve("suppressions"), Files.readAllBytes(saltFile));
    if (Files.exists(out.file)) {
      for (String line : Files.readAllLines(out.file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          out.digests.add(line.strip());
        }
      }
    }
    return out;
  }

  /** Adds an id, durably, before anything else of the erasure happens. */
  public synchronized void add(String id) throws IOException {
    String d = digest(id);
    if (digests.add(d)) {
      try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        ch.write(java.nio.ByteBuffer.wrap((d + "\n").getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
    }
  }

  public boolean contains(String id) {
    return id != null && !digests.isEmpty() && digests.contains(digest(id));
  }

  /**
   * The salt (hex) and every digest, for a store query that leaves suppressed ids out by comparing
   * {@code sha256(salt || id)} with the digests, instead of asking {@link #contains} about each id.
   */
  public Digests digests() {
    return new Digests(HexFormat.of().formatHex(salt), List.copyOf(digests));
  }

  /** A snapshot of the suppression list: the hex salt and the hex SHA-256 digests of the suppressed ids. */
  public record Digests(String saltHex, List<String> digests) {}

  public int size() {
    return digests.size();
  }

  private String digest(String id) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(salt);
      return HexFormat.of().formatHex(md.digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
