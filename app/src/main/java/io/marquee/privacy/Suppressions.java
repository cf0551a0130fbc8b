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
 *
 * <p>Beyond one data dir ({@code io.marquee.kafka.control}): the owning node shares its {@link #salt}
 * and digests, {@link #onAdd} listeners hear of each addition, and a collector's suppressions
 * ({@link #shared}, with the owner's salt) hold the digests the control plane {@link #addDigest}s.
 */
public final class Suppressions {
  private final Path file;
  private final byte[] salt;
  private final Set<String> digests = ConcurrentHashMap.newKeySet();

  private final java.util.List<java.util.function.Consumer<String>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private Suppressions(Path file, byte[] salt) {
    this.file = file;
    this.salt = salt;
  }

  /** Suppressions without a file under another node's salt: only what {@link #addDigest} is given. */
  public static Suppressions shared(byte[] salt) {
    if (salt == null || salt.length < 16) {
      throw new IllegalArgumentException("a suppression salt has at least 16 bytes");
    }
    return new Suppressions(null, salt.clone());
  }

  /** The salt the digests are made with (shared with collectors so they compute the same ones). */
  public byte[] salt() {
    return salt.clone();
  }

  /** Suppresses the id whose salted digest (64 hex digits) this is. */
  public void addDigest(String digest) {
    if (digest == null || !digest.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a suppression digest is 64 lower-case hex digits");
    }
    digests.add(digest);
  }

  /** Every suppressed id's digest. */
  public java.util.Set<String> digests() {
    return java.util.Set.copyOf(digests);
  }

  /**
   * Calls {@code listener} with the digest of every id {@link #add}ed from now on, after it is
   * durable, even when it was already there (so a retried erasure announces it again); a failure of
   * the listener fails the {@code add}.
   */
  public void onAdd(java.util.function.Consumer<String> listener) {
    listeners.add(listener);
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
    if (file == null) {
      throw new IllegalStateException("this collector takes suppressions from the owning node");
    }
    String d = digest(id);
    if (digests.add(d)) {
      try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        ch.write(java.nio.ByteBuffer.wrap((d + "\n").getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
    }
    listeners.forEach(l -> l.accept(d));
  }

  public boolean contains(String id) {
    return id != null && !digests.isEmpty() && digests.contains(digest(id));
  }

  /**
   * The salt (hex) and every digest, for a store query that leaves suppressed ids out by comparing
   * {@code sha256(salt || id)} with the digests, instead of asking {@link #contains} about each id.
   */
  public Digests snapshot() {
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
