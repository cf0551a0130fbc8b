package io.marquee.audit;

import io.marquee.vault.SecureFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The append-only audit log of a data dir, {@code DIR/audit/audit.log}: one {@link AuditEntry} a
 * line, each chained to the one before by its hash, fsynced before {@link #append} returns.
 *
 * <p>Next to it, {@code head} holds {@code SEQ HASH} of the last entry (replaced atomically after
 * each append), so that removing entries from the end is detected too; {@code subject.key} holds
 * the random key of {@link #subjectOf}, which names users by a keyed hash so the log holds no user
 * id. The chain is keyless: it catches edits, removals and reordering, but whoever can write the
 * data dir can rebuild a consistent chain; keep the head hash that {@code audit verify} prints
 * somewhere else to catch that.
 *
 * <p>Appends are serialized within the process and, through an OS lock on the log file, with other
 * processes (a {@code marquee keys} command beside a running server). A last line left incomplete
 * by a crash was never acknowledged and is cut off before the next append.
 */
public final class AuditLog implements Closeable {
  static final String DIR = "audit";
  static final String LOG = "audit.log";
  static final String HEAD = "head";
  static final String SUBJECT_KEY = "subject.key";
  private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

  private final Path dir;
  private final Object monitor;
  private final Clock clock;
  private final FileChannel channel;
  private final SecretKeySpec subjectKey;
  private long knownSize = -1;
  private long lastSeq;
  private String lastHash = AuditEntry.GENESIS;

  private AuditLog(Path dir, Clock clock, FileChannel channel, SecretKeySpec subjectKey) {
    this.dir = dir;
    this.monitor = monitorOf(dir);
    this.clock = clock;
    this.channel = channel;
    this.subjectKey = subjectKey;
  }

  /** Opens (creating if needed) the audit log of a data dir. */
  public static AuditLog open(Path dataDir) throws IOException {
    return open(dataDir, Clock.systemUTC());
  }

  static AuditLog open(Path dataDir, Clock clock) throws IOException {
    Path dir = dataDir.resolve(DIR);
    Files.createDirectories(dir);
    SecretKeySpec key = new SecretKeySpec(loadOrCreateSubjectKey(dir.resolve(SUBJECT_KEY)), "HmacSHA256");
    FileChannel ch = FileChannel.open(dir.resolve(LOG), StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new AuditLog(dir.toRealPath(), clock, ch, key);
  }

  /**
   * Appends one entry, durably, and returns it.
   *
   * @param actor who did it, e.g. {@code key:3f9a1c2b7d4e} or {@code cli}
   * @param userId the user concerned (stored only as {@link #subjectOf}), or null
   * @param details short facts without personal data, e.g. {@code keyId}, {@code role}, {@code count}
   */
  @SuppressWarnings("try") // the lock is held by the try block alone
  public AuditEntry append(String actor, AuditAction action, String userId, Map<String, String> details)
      throws IOException {
    if (actor == null || actor.isBlank()) {
      throw new IllegalArgumentException("an audit entry needs an actor");
    }
    String subject = userId == null ? null : subjectOf(userId);
    synchronized (monitor) {
      try (FileLock lock = channel.lock()) {
        long size = channel.size();
        if (size != knownSize) {
          readTail(size);
        }
        AuditEntry e = AuditEntry.chained(lastSeq + 1,
            Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString(), actor, action.wireName(),
            subject, details, lastHash);
        byte[] line = (e.toLine() + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(line);
        long at = knownSize;
        while (b.hasRemaining()) {
          at += channel.write(b, at);
        }
        channel.force(false);
        knownSize = at;
        lastSeq = e.seq();
        lastHash = e.hash();
        SecureFiles.replace(dir.resolve(HEAD),
            (e.seq() + " " + e.hash() + "\n").getBytes(StandardCharsets.UTF_8));
        return e;
      }
    }
  }

  /** The keyed hash (128 bits, hex) that names a user in this data dir's audit entries. */
  public String subjectOf(String userId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(subjectKey);
      byte[] h = mac.doFinal(userId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Checks the audit log of a data dir (see {@link AuditVerifier}); safe beside a running writer. */
  @SuppressWarnings("try") // the lock is held by the try block alone
  public static AuditVerification verify(Path dataDir) throws IOException {
    Path dir = dataDir.resolve(DIR);
    Path log = dir.resolve(LOG);
    if (!Files.exists(log)) {
      return AuditVerifier.verify(null, dir.resolve(HEAD));
    }
    synchronized (monitorOf(dir.toRealPath())) {
      try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ);
          FileLock lock = ch.lock(0, Long.MAX_VALUE, true)) {
        return AuditVerifier.verify(log, dir.resolve(HEAD));
      }
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (monitor) {
      channel.close();
    }
  }

  /** Re-reads the last entry: another process appended, or this is the first append. */
  private void readTail(long size) throws IOException {
    long end = Tail.cutTornLine(channel, size);
    String last = Tail.lastLine(channel, end);
    if (last == null) {
      lastSeq = 0;
      lastHash = AuditEntry.GENESIS;
    } else {
      try {
        AuditEntry e = AuditEntry.parse(last);
        lastSeq = e.seq();
        lastHash = e.hash();
      } catch (IllegalArgumentException ex) {
        throw new IOException("the last audit entry is damaged (" + ex.getMessage()
            + "); run marquee audit verify");
      }
    }
    knownSize = end;
  }

  private static Object monitorOf(Path realDir) {
    return MONITORS.computeIfAbsent(realDir, p -> new Object());
  }

  private static byte[] loadOrCreateSubjectKey(Path file) throws IOException {
    if (!Files.exists(file)) {
      byte[] k = new byte[32];
      new SecureRandom().nextBytes(k);
      try {
        SecureFiles.createOwnerOnly(file,
            (HexFormat.of().formatHex(k) + "\n").getBytes(StandardCharsets.UTF_8));
        return k;
      } catch (FileAlreadyExistsException raced) {
        // Another process made it first: use theirs.
      }
    }
    return HexFormat.of().parseHex(Files.readString(file, StandardCharsets.UTF_8).strip());
  }
}
