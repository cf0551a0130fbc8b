package io.marquee.collect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The write keys a data dir accepts, kept on disk only as SHA-256 digests in {@code write-keys}.
 * A key's source id (the first 16 hex digits of its digest) tags what it sent and scopes
 * messageId deduplication.
 *
 * <p>Beyond one data dir ({@code io.marquee.kafka.control}): {@link #onAdd} tells the owning node's
 * control plane of every new digest, and a collector's keys ({@link #shared}) hold only the digests
 * the control plane {@link #addDigest}s.
 */
public final class WriteKeys {
  static final String FILE = "write-keys";
  /** Longer strings are not keys; refusing them early bounds the hashing a request can cause. */
  private static final int MAX_KEY_LENGTH = 256;
  private final Path file;
  private final Set<String> digests = ConcurrentHashMap.newKeySet();
  private final Map<String, String> verified = new ConcurrentHashMap<>();
  private volatile java.util.function.Predicate<String> apiKeys = key -> false;

  private final java.util.List<java.util.function.Consumer<String>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private WriteKeys(Path file) {
    this.file = file;
  }

  /** Keys without a file: only the digests {@link #addDigest} is given (a collector's). */
  public static WriteKeys shared() {
    return new WriteKeys(null);
  }

  /** Accepts the key whose SHA-256 (64 hex digits) this is; returns false if it was already there. */
  public boolean addDigest(String sha256Hex) {
    if (sha256Hex == null || !sha256Hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a write key digest is 64 lower-case hex digits");
    }
    return digests.add(sha256Hex);
  }

  /** The digests of every accepted write key (never the keys). */
  public Set<String> digests() {
    return Set.copyOf(digests);
  }

  /** Calls {@code listener} with the digest of every key {@link #add}ed from now on. */
  public void onAdd(java.util.function.Consumer<String> listener) {
    listeners.add(listener);
  }

  /** Loads the keys of a data dir (none if the file is absent). */
  public static WriteKeys load(Path dataDir) throws IOException {
    WriteKeys keys = new WriteKeys(dataDir.resolve(FILE));
    if (Files.exists(keys.file)) {
      for (String line : Files.readAllLines(keys.file, StandardCharsets.UTF_8)) {
        String d = line.strip();
        if (!d.isEmpty() && !d.startsWith("#")) {
          keys.digests.add(d);
        }
      }
    }
    return keys;
  }

  /** Adds a key (persisted as its digest); returns false if it was already there. */
  public synchronized boolean add(String key) throws IOException {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("a write key must not be empty");
    }
    if (file == null) {
      throw new IllegalStateException("this collector takes its write keys from the owning node: add them there");
    }
    String d = digest(key);
    if (!digests.add(d)) {
      return false;
    }
    Files.writeString(file, d + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    listeners.forEach(l -> l.accept(d));
    return true;
  }

  /** A new random key, added. */
  public String generate() throws IOException {
    byte[] b = new byte[18];
    new SecureRandom().nextBytes(b);
    String key = "wk_" + HexFormat.of().formatHex(b);
    add(key);
    return key;
  }

  /** Also accepts keys this predicate approves (API keys with the write role). */
  public void alsoAccept(java.util.function.Predicate<String> writeRoleKeys) {
    this.apiKeys = writeRoleKeys;
  }

  public boolean isEmpty() {
    return digests.isEmpty();
  }

  /**
   * The source id of a valid key, or null if the key is not accepted. Only keys of the write-keys
   * file are cached (they cannot be revoked); an API key is asked of {@link #alsoAccept}'s
   * predicate every time, so its revocation takes effect as soon as {@code ApiKeys} sees it.
   */
  public String sourceFor(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      return null;
    }
    String cached = verified.get(key);
    if (cached != null) {
      return cached;
    }
    String d = digest(key);
    if (digests.contains(d)) {
      if (verified.size() < 10_000) {
        verified.put(key, d.substring(0, 16));
      }
      return d.substring(0, 16);
    }
    return apiKeys.test(key) ? d.substring(0, 16) : null;
  }

  /** The source id a key has, valid or not; for in-process producers such as imports. */
  public static String sourceIdOf(String key) {
    return digest(key).substring(0, 16);
  }

  static String digest(String key) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
