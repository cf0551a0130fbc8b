package io.marquee.releases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The privacy budget ledger of a data dir, {@code DIR/releases/ledger.jsonl}: one JSON line per
 * release ({@code at}, {@code actor}, {@code subject}, {@code epsilon} as an exact fraction, {@code
 * figures}), appended and fsynced before the release's noise is drawn, so a release is never answered
 * without being charged, and a crash after the charge only wastes budget, never overspends it.
 *
 * <p>{@link #charge} reads the subject's spend from the file and appends under the process's monitor
 * of the file and an OS lock on it, so two releases at once (in one server, or a {@code marquee
 * release} beside it) cannot both take the last of a budget. A last line left incomplete by a crash
 * was never acknowledged and is cut off before the next append (its release was never answered).
 */
public final class BudgetLedger implements Closeable {
  static final String DIR = "releases";
  static final String FILE = "ledger.jsonl";
  private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

  private final Path file;
  private final Object monitor;
  private final FileChannel channel;
  private final Rational limit;
  private final ObjectMapper json;
  private final Clock clock;

  private BudgetLedger(Path file, FileChannel channel, Rational limit, ObjectMapper json, Clock clock) {
    this.file = file;
    this.monitor = MONITORS.computeIfAbsent(file, p -> new Object());
    this.channel = channel;
    this.limit = limit;
    this.json = json;
    this.clock = clock;
  }

  /** Opens (creating if needed) the ledger of a data dir, with {@code limit} the budget of every subject. */
  public static BudgetLedger open(Path dataDir, Rational limit, ObjectMapper json, Clock clock) throws IOException {
    Path dir = dataDir.resolve(DIR);
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    return new BudgetLedger(file.toRealPath(), ch, limit, json, clock);
  }

  /** The budget every subject has in all. */
  public Rational limit() {
    return limit;
  }

  /** A release refused because its epsilon is more than what is left of the subject's budget. */
  public static final class BudgetSpentException extends Exception {
    private static final long serialVersionUID = 1L;
    /** What is left of the subject's budget. */
    public final transient Rational remaining;

    BudgetSpentException(String subject, Rational asked, Rational remaining) {
      super("the privacy budget of " + subject + " has " + remaining + " (" + remaining.toDouble()
          + ") left, less than the epsilon asked for, " + asked);
      this.remaining = remaining;
    }
  }

  /**
   * What a charge left: the subject's spend including it, and what remains.
   *
   * @param spent the subject's epsilon spent, this release included
   * @param remaining what is left of its budget
   */
  public record Charge(Rational spent, Rational remaining) {}

  /**
   * Charges {@code epsilon} to {@code subject}'s budget, durably, or refuses when it would exceed it.
   *
   * @throws BudgetSpentException when the subject's spend plus {@code epsilon} exceeds the limit
   */
  @SuppressWarnings("try") // the lock is held by the try block alone
  public Charge charge(String subject, Rational epsilon, String actor, List<String> figures)
      throws IOException, BudgetSpentException {
    synchronized (monitor) {
      try (FileLock lock = channel.lock()) {
        long end = completeLength();
        Rational spent = spentIn(subject, end);
        Rational after = spent.plus(epsilon);
        if (after.compareTo(limit) > 0) {
          throw new BudgetSpentException(subject, epsilon, limit.minusOrZero(spent));
        }
        ObjectNode line = json.createObjectNode();
        line.put("at", clock.instant().toString());
        line.put("actor", actor);
        line.put("subject", subject);
        line.put("epsilon", epsilon.toString());
        line.putPOJO("figures", figures);
        ByteBuffer b = ByteBuffer.wrap((json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
        channel.truncate(end);
        long at = end;
        while (b.hasRemaining()) {
          at += channel.write(b, at);
        }
        channel.force(false);
        return new Charge(after, limit.minusOrZero(after));
      }
    }
  }

  /** The epsilon spent on {@code subject} so far. */
  @SuppressWarnings("try")
  public Rational spent(String subject) throws IOException {
    synchronized (monitor) {
      try (FileLock lock = channel.lock(0, Long.MAX_VALUE, false)) {
        return spentIn(subject, completeLength());
      }
    }
  }

  /** The length of the file up to and including its last newline (a torn last line is not counted). */
  private long completeLength() throws IOException {
    long size = channel.size();
    long pos = size;
    ByteBuffer one = ByteBuffer.allocate(1);
    while (pos > 0) {
      one.clear();
      channel.read(one, pos - 1);
      if (one.get(0) == '\n') {
        return pos;
      }
      pos--;
    }
    return 0;
  }

  private Rational spentIn(String subject, long end) throws IOException {
    Rational spent = Rational.ZERO;
    if (end == 0) {
      return spent;
    }
    ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(end));
    long at = 0;
    while (all.hasRemaining()) {
      int n = channel.read(all, at);
      if (n < 0) {
        break;
      }
      at += n;
    }
    String text = new String(all.array(), 0, all.position(), StandardCharsets.UTF_8);
    int lineNo = 0;
    for (String line : text.split("\n")) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode e;
      try {
        e = json.readTree(line);
      } catch (IOException ex) {
        throw new IOException(file + " line " + lineNo + " is not JSON; the ledger is damaged, releases stop until it"
            + " is repaired", ex);
      }
      if (subject.equals(e.path("subject").asText())) {
        try {
          spent = spent.plus(Rational.parse(e.path("epsilon").asText()));
        } catch (IllegalArgumentException ex) {
          throw new IOException(file + " line " + lineNo + ": " + ex.getMessage(), ex);
        }
      }
    }
    return spent;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
