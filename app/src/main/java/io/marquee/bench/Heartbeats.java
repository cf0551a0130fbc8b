package io.marquee.bench;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * The synthetic events of the benchmarks: {@code Video Content Playing} heartbeats, one Segment
 * {@code track} message each (about 320 bytes of JSON), rendered as JSON or as a CSV row.
 *
 * <p>Event {@code n} (from 0) is heartbeat number {@code n / viewers} of viewer {@code n %
 * viewers}. A viewer keeps a user id, session id, asset, media type and total length, all drawn
 * from the seed; each heartbeat advances its position and timestamp by ten seconds. The messageId
 * is the run id, a dash and {@code n} in {@value #ID_DIGITS} digits, so ids are unique within a run
 * and, with a random run id, across runs.
 */
final class Heartbeats {

  static final String EVENT = "Video Content Playing";
  static final String LIBRARY_NAME = "marquee-bench";
  static final String LIBRARY_VERSION = "0.1.0";

  /** Viewers of {@code bench events}, the same as {@code bench ingest}'s default batch size. */
  static final int DEFAULT_VIEWERS = 500;

  /** Digits of the event number in a messageId. */
  static final int ID_DIGITS = 12;

  /** Characters a position takes in a batch template, space-padded; positions stay below 10^5. */
  static final int POSITION_WIDTH = 5;

  /** Time between two heartbeats of one viewer. */
  static final long INTERVAL_MILLIS = 10_000;

  /** 2025-01-01T00:00:00Z, the clock of runs that must repeat exactly ({@code --seed-ids}). */
  static final long FIXED_BASE_MILLIS = 1_735_689_600_000L;

  static final String CSV_HEADER =
      "message_id,type,event,user_id,timestamp,session_id,asset_id,media_type,position,"
          + "total_length,context";

  private static final String CONTEXT_JSON =
      "{\"library\":{\"name\":\"" + LIBRARY_NAME + "\",\"version\":\"" + LIBRARY_VERSION + "\"}}";
  private static final String CONTEXT_CSV = '"' + CONTEXT_JSON.replace("\"", "\"\"") + '"';
  private static final char[] BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final int RUN_ID_LENGTH = 8;
  private static final int ASSETS = 20_000;

  private final boolean identify;
  private final String runId;
  private final int viewers;
  private final long baseMillis;
  private final String[] userIds;
  private final String[] sessionIds;
  private final String[] assetIds;
  private final String[] mediaTypes;
  private final int[] totalLengths;
  private final int[] startPositions;

  /**
   * Draws {@code viewers} viewers from {@code seed}.
   *
   * @param runId prefix of every messageId, lower-case letters and digits
   * @param baseMillis timestamp of the first heartbeat of viewer 0
   */
  Heartbeats(long seed, String runId, int viewers, long baseMillis) {
    this(seed, runId, viewers, baseMillis, false);
  }

  /**
   * @param identify render {@code identify} calls carrying personal data (e-mail, phone, names) in
   *     place of heartbeats, to measure the vault's cost on the collection path
   */
  Heartbeats(long seed, String runId, int viewers, long baseMillis, boolean identify) {
    this.identify = identify;
    if (viewers < 1) {
      throw new IllegalArgumentException("viewers must be at least 1, got " + viewers);
    }
    if (!runId.matches("[a-z0-9]+")) {
      throw new IllegalArgumentException("run id must be lower-case letters and digits: " + runId);
    }
    this.runId = runId;
    this.viewers = viewers;
    this.baseMillis = baseMillis;
    userIds = new String[viewers];
    sessionIds = new String[viewers];
    assetIds = new String[viewers];
    mediaTypes = new String[viewers];
    totalLengths = new int[viewers];
    startPositions = new int[viewers];
    SplittableRandom random = new SplittableRandom(seed);
    for (int v = 0; v < viewers; v++) {
      userIds[v] = String.format("user-%07d", random.nextInt(10_000_000));
      // letters only (a nibble each, a..p): hex ids sometimes open with 13+ decimal digits that pass
      // Luhn, which the collector then refuses as a card number
      sessionIds[v] = letters(random.nextLong());
      boolean video = random.nextInt(100) < 85;
      // Films and episodes are the first 90% of the asset pool, music tracks the rest.
      int asset =
          video ? random.nextInt(ASSETS * 9 / 10) : ASSETS * 9 / 10 + random.nextInt(ASSETS / 10);
      assetIds[v] = String.format("asset-%06d", asset);
      mediaTypes[v] = video ? "video" : "audio";
      totalLengths[v] = video ? 1_200 + random.nextInt(9_600) : 120 + random.nextInt(360);
      startPositions[v] = random.nextInt(totalLengths[v]);
    }
  }

  /** A run id of random letters and digits, so messageIds of separate runs never collide. */
  static String randomRunId() {
    return runId(new SecureRandom().nextLong());
  }

  /** A run id that is a function of the seed, so runs with the same seed send the same ids. */
  static String runIdFromSeed(long seed) {
    return runId(new SplittableRandom(seed).split().nextLong());
  }

  private static String runId(long bits) {
    SplittableRandom random = new SplittableRandom(bits);
    char[] id = new char[RUN_ID_LENGTH];
    for (int i = 0; i < id.length; i++) {
      id[i] = BASE36[random.nextInt(BASE36.length)];
    }
    return new String(id);
  }

  String runId() {
    return runId;
  }

  int viewers() {
    return viewers;
  }

  /** The messageId of event {@code n}. */
  String messageId(long n) {
    StringBuilder b = new StringBuilder(runId.length() + 1 + ID_DIGITS).append(runId).append('-');
    String digits = Long.toString(n);
    if (digits.length() > ID_DIGITS) {
      throw new IllegalArgumentException("event number " + n + " exceeds " + ID_DIGITS + " digits");
    }
    b.append("0".repeat(ID_DIGITS - digits.length())).append(digits);
    return b.toString();
  }

  /** Playback position in seconds of event {@code n}. */
  int position(long n) {
    int v = (int) (n % viewers);
    return (int) ((startPositions[v] + (n / viewers) * (INTERVAL_MILLIS / 1000)) % totalLengths[v]);
  }

  /** Timestamp of event {@code n}: viewers spread evenly over each ten-second interval. */
  long timestampMillis(long n) {
    int v = (int) (n % viewers);
    return baseMillis + (n / viewers) * INTERVAL_MILLIS + v * INTERVAL_MILLIS / viewers;
  }

  /** Appends event {@code n} as a compact Segment track message, as one NDJSON line holds it. */
  void appendJson(StringBuilder out, long n) {
    render(out, n, null);
  }

  /**
   * Appends event {@code n} for a batch template: as {@link #appendJson} but with the position
   * right-aligned in {@value #POSITION_WIDTH} characters, and records where the fields that change
   * between batches start in {@code out}: {@code marks[0]} the messageId's digits, {@code marks[1]}
   * the position, {@code marks[2]} the timestamp.
   */
  void appendTemplateJson(StringBuilder out, long n, int[] marks) {
    render(out, n, marks);
  }

  private void render(StringBuilder out, long n, int[] marks) {
    int v = (int) (n % viewers);
    if (identify) {
      renderIdentify(out, n, v, marks);
      return;
    }
    out.append("{\"type\":\"track\",\"event\":\"")
        .append(EVENT)
        .append("\",\"userId\":\"")
        .append(userIds[v])
        .append("\",\"messageId\":\"");
    String id = messageId(n);
    if (marks != null) {
      marks[0] = out.length() + runId.length() + 1;
    }
    out.append(id).append("\",\"timestamp\":\"");
    if (marks != null) {
      marks[2] = out.length();
    }
    out.append(Digits.isoMillis(timestampMillis(n)))
        .append("\",\"properties\":{\"session_id\":\"")
        .append(sessionIds[v])
        .append("\",\"asset_id\":\"")
        .append(assetIds[v])
        .append("\",\"position\":");
    String position = Integer.toString(position(n));
    if (marks != null) {
      marks[1] = out.length();
      out.append(" ".repeat(POSITION_WIDTH - position.length()));
    }
    out.append(position)
        .append(",\"total_length\":")
        .append(totalLengths[v])
        .append(",\"media_type\":\"")
        .append(mediaTypes[v])
        .append("\"},\"context\":")
        .append(CONTEXT_JSON)
        .append('}');
  }

  /** An identify call of viewer v with six personal traits; the position mark is its minutes watched. */
  private void renderIdentify(StringBuilder out, long n, int v, int[] marks) {
    out.append("{\"type\":\"identify\",\"userId\":\"").append(userIds[v]).append("\",\"messageId\":\"");
    if (marks != null) {
      marks[0] = out.length() + runId.length() + 1;
    }
    out.append(messageId(n)).append("\",\"timestamp\":\"");
    if (marks != null) {
      marks[2] = out.length();
    }
    out.append(Digits.isoMillis(timestampMillis(n)))
        .append("\",\"traits\":{\"email\":\"").append(userIds[v]).append("@example.org\",")
        .append("\"phone\":\"+1 202 555 0").append(100 + v % 900).append("\",\"firstName\":\"Ada\",")
        .append("\"lastName\":\"Viewer").append(v).append("\",\"birthday\":\"1990-04-0").append(1 + v % 9)
        .append("\",\"address\":{\"street\":\"").append(v).append(" Main Street\",\"country\":\"US\"},")
        .append("\"plan\":\"premium\",\"minutes_watched\":");
    String position = Integer.toString(position(n));
    if (marks != null) {
      marks[1] = out.length();
      out.append(" ".repeat(POSITION_WIDTH - position.length()));
    }
    out.append(position).append("},\"context\":").append(CONTEXT_JSON).append('}');
  }

  /**
   * Appends event {@code n} as a CSV row in the columns of {@link #CSV_HEADER}, without newline.
   */
  void appendCsv(StringBuilder out, long n) {
    int v = (int) (n % viewers);
    out.append(messageId(n))
        .append(",track,")
        .append(EVENT)
        .append(',')
        .append(userIds[v])
        .append(',')
        .append(Digits.isoMillis(timestampMillis(n)))
        .append(',')
        .append(sessionIds[v])
        .append(',')
        .append(assetIds[v])
        .append(',')
        .append(mediaTypes[v])
        .append(',')
        .append(position(n))
        .append(',')
        .append(totalLengths[v])
        .append(',')
        .append(CONTEXT_CSV);
  }

  /** The 16 nibbles of {@code bits} as the letters a..p: a fixed-width id with no digits. */
  static String letters(long bits) {
    char[] out = new char[16];
    for (int i = 15; i >= 0; i--) {
      out[i] = (char) ('a' + (int) (bits & 0xf));
      bits >>>= 4;
    }
    return new String(out);
  }
}
