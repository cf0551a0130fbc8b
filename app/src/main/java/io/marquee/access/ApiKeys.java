package io.marquee.access;

import io.marquee.access.ApiKeyFile.Stored;
import io.marquee.audit.AuditAction;
import io.marquee.audit.AuditLog;
import io.marquee.vault.SecureFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API keys of a data dir, stored only as SHA-256 digests in {@code DIR/api-keys.json}
 * ({@link ApiKeyFile}), with their roles.
 *
 * <p>A key reads {@code mq_ID_SECRET}: a 12-hex-digit id (public; lists and audit entries use it)
 * and 256 random bits in Base64url. {@link #authenticate} finds the entry by id and compares
 * digests in constant time. Changes take an OS lock on {@code api-keys.lock} and re-read the file,
 * so {@code marquee keys create} and {@code revoke} work beside a running server, which notices a
 * changed file within a second. Every change is audited: a creation before it happens (no entry,
 * no key), a revocation after it happens (a damaged audit log must not keep a leaked key alive;
 * the failure is still reported).
 *
 * <p>Beyond one data dir ({@code io.marquee.kafka.control}): the owning node's keys call {@link
 * #onChange} listeners with every entry a change or a reload alters, and a collector's keys are
 * {@link #following} ones, filled by {@link #apply} and refusing create and revoke.
 */
public final class ApiKeys {
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
  private static final String PREFIX = "mq_";
  private static final int ID_HEX = 12;
  private static final int MAX_TOKEN = 200;
  private static final long RELOAD_CHECK_MILLIS = 1000;
  private static final byte[] NO_KEY = new byte[32];

  private final Path file;
  private final Path lockFile;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private volatile Map<String, Stored> keys;
  private volatile Object stamp;
  private volatile long checkedAt;
  private final List<Consumer<ApiKeyEntry>> listeners = new CopyOnWriteArrayList<>();

  private ApiKeys(Path dataDir, AuditLog audit, Clock clock) {
    this.file = dataDir == null ? null : dataDir.resolve(ApiKeyFile.NAME);
    this.lockFile = dataDir == null ? null : dataDir.resolve("api-keys.lock");
    this.audit = audit;
    this.clock = clock;
    this.keys = Map.of();
  }

  /**
   * Keys without a data dir, as another node shares them: empty until {@link #apply} adds entries;
   * {@link #create} and {@link #revoke} are refused (keys are managed on the owning node).
   */
  public static ApiKeys following() {
    return new ApiKeys(null, null, Clock.systemUTC());
  }

  /** Calls {@code listener} with each entry a create, revoke or reload of the file adds or alters. */
  public void onChange(Consumer<ApiKeyEntry> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Every key as stored (digests, never keys), active or revoked, in creation order. */
  public List<ApiKeyEntry> entries() {
    refreshIfChanged();
    List<ApiKeyEntry> out = new ArrayList<>();
    for (Stored s : keys.values()) {
      out.add(new ApiKeyEntry(s.id(), s.role(), s.sha256(), s.created(), s.revoked()));
    }
    return out;
  }

  /**
   * Puts one shared entry in force on keys that {@link #following} made (a later entry for the
   * same id replaces the earlier, so a revocation sticks).
   */
  public synchronized void apply(ApiKeyEntry e) {
    if (file != null) {
      throw new IllegalStateException("the keys of a data dir change only through create and revoke");
    }
    Map<String, Stored> next = new LinkedHashMap<>(keys);
    next.put(e.id(), new Stored(e.id(), e.role(), e.sha256(), e.created(), e.revoked()));
    keys = Collections.unmodifiableMap(next);
  }

  /** Loads the keys of a data dir; changes are written to {@code audit}. */
  public static ApiKeys open(Path dataDir, AuditLog audit) throws IOException {
    return open(dataDir, audit, Clock.systemUTC());
  }

  static ApiKeys open(Path dataDir, AuditLog audit, Clock clock) throws IOException {
    Files.createDirectories(dataDir);
    ApiKeys k = new ApiKeys(dataDir, Objects.requireNonNull(audit, "audit"), clock);
    k.reload();
    return k;
  }

  /** Creates a key; returns it in full, the only time it exists outside the caller's hands. */
  @SuppressWarnings("try") // the lock is held by the try block alone
  public String create(Role role, String actor) throws IOException {
    Objects.requireNonNull(role, "role");
    requireDataDir();
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    synchronized (this) {
      try (FileChannel ch = lockChannel(); FileLock lock = ch.lock()) {
        Map<String, Stored> current = ApiKeyFile.read(file);
        String id;
        do {
          byte[] b = new byte[ID_HEX / 2];
          random.nextBytes(b);
          id = HexFormat.of().formatHex(b);
        } while (current.containsKey(id));
        String token = PREFIX + id + "_" + secretText;
        audit.append(actor, AuditAction.KEY_CREATE, null, Map.of("keyId", id, "role", role.wireName()));
        current.put(id, new Stored(id, role, sha256(token), now(), null));
        write(current);
        return token;
      }
    }
  }

  /** Revokes a key by id; false if there is no such active key (nothing is audited then). */
  @SuppressWarnings("try") // the lock is held by the try block alone
  public boolean revoke(String id, String actor) throws IOException {
    requireDataDir();
    synchronized (this) {
      try (FileChannel ch = lockChannel(); FileLock lock = ch.lock()) {
        Map<String, Stored> current = ApiKeyFile.read(file);
        Stored s = current.get(id);
        if (s == null || s.revoked() != null) {
          return false;
        }
        current.put(id, s.revokedAt(now()));
        write(current);
      }
    }
    try {
      audit.append(actor, AuditAction.KEY_REVOKE, null, Map.of("keyId", id));
    } catch (IOException e) {
      throw new IOException("key " + id + " is revoked, but its audit entry could not be written: "
          + e.getMessage(), e);
    }
    return true;
  }

  /** Every key, active or revoked, in creation order. */
  public List<ApiKeyInfo> list() {
    refreshIfChanged();
    List<ApiKeyInfo> out = new ArrayList<>();
    for (Stored s : keys.values()) {
      out.add(s.info());
    }
    return out;
  }

  /** The principal of a valid, unrevoked key; empty for anything else. */
  public Optional<Principal> authenticate(String token) {
    refreshIfChanged();
    if (token == null || token.length() > MAX_TOKEN) {
      return Optional.empty();
    }
    Stored s = null;
    if (token.startsWith(PREFIX) && token.length() > PREFIX.length() + ID_HEX
        && token.charAt(PREFIX.length() + ID_HEX) == '_') {
      s = keys.get(token.substring(PREFIX.length(), PREFIX.length() + ID_HEX));
    }
    boolean match = MessageDigest.isEqual(sha256(token), s == null ? NO_KEY : s.sha256());
    if (s == null || !match || s.revoked() != null) {
      return Optional.empty();
    }
    return Optional.of(new Principal(s.id(), s.role()));
  }

  /** Re-reads the file now. */
  public synchronized void reload() throws IOException {
    if (file == null) {
      return;
    }
    Object st = stampOf(file);
    Map<String, Stored> before = keys;
    keys = Collections.unmodifiableMap(ApiKeyFile.read(file));
    stamp = st;
    checkedAt = clock.millis();
    announce(before, keys);
  }

  private void announce(Map<String, Stored> before, Map<String, Stored> after) {
    if (listeners.isEmpty()) {
      return;
    }
    for (Stored s : after.values()) {
      Stored old = before.get(s.id());
      if (old == null || !Objects.equals(old.revoked(), s.revoked()) || old.role() != s.role()
          || !MessageDigest.isEqual(old.sha256(), s.sha256())) {
        ApiKeyEntry e = new ApiKeyEntry(s.id(), s.role(), s.sha256(), s.created(), s.revoked());
        for (Consumer<ApiKeyEntry> l : listeners) {
          l.accept(e);
        }
      }
    }
  }

  private void requireDataDir() {
    if (file == null) {
      throw new IllegalStateException("this node follows the API keys of the owning node: create and revoke "
          + "keys there (marquee keys, or its API)");
    }
  }

  private void refreshIfChanged() {
    if (file == null) {
      return;
    }
    long now = clock.millis();
    if (now - checkedAt < RELOAD_CHECK_MILLIS) {
      return;
    }
    checkedAt = now;
    try {
      if (!Objects.equals(stampOf(file), stamp)) {
        reload();
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("api keys not reloaded, the previous ones stay in force: {}", e.getMessage());
    }
  }

  private void write(Map<String, Stored> current) throws IOException {
    SecureFiles.replace(file, ApiKeyFile.render(current.values()));
    Map<String, Stored> before = keys;
    keys = Collections.unmodifiableMap(new LinkedHashMap<>(current));
    stamp = stampOf(file);
    announce(before, keys);
  }

  private FileChannel lockChannel() throws IOException {
    return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  private static Object stampOf(Path file) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return List.of(String.valueOf(a.fileKey()), a.lastModifiedTime(), a.size());
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
