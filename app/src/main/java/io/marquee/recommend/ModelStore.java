package io.marquee.recommend;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Trained model sets on disk: {@code DATA_DIR/models/<timestamp>/model.bin}, and {@code
 * models/current} naming the one to serve.
 *
 * <p>Publishing is atomic: the set is written into {@code models/.tmp-<timestamp>/}, the file and
 * the directory are fsynced, the directory is renamed to {@code <timestamp>}, then {@code current}
 * is replaced by an atomic rename of a fsynced temp file. A crash at any point leaves {@code
 * current} naming a complete set (or no set). The {@link #KEEP} newest sets are kept.
 *
 * <p>Format of {@code model.bin} (big-endian, {@link DataOutputStream}): magic {@code MRQM},
 * version, trained-at and "now" seconds; the user and item id dictionaries; the feedback matrix by
 * rows (row starts, items, weights, ratings, times); per item its title, genres, series name,
 * maturity level and media type, then (since version 2) its kind and series key; the declared
 * profiles; EASE's covered items and m x m weights; iALS's
 * factor count and user and item factors as float arrays. Content, demographic and popularity
 * parts are refitted on load (linear in the feedback).
 *
 * <p>Version 1 sets (written before items had a kind and a series key) still load: their items
 * have no kind and are grouped by series name, until the next training writes version 2.
 */
public final class ModelStore {
  /** How many published sets are kept on disk. */
  public static final int KEEP = 3;

  private static final int MAGIC = 0x4d52514d; // "MRQM"
  private static final int VERSION = 2;
  /** The oldest version {@link #read} accepts. */
  private static final int OLDEST = 1;
  private static final String FILE = "model.bin";
  private static final DateTimeFormatter NAME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Path dir;

  /** The store under {@code dataDir/models}. */
  public ModelStore(Path dataDir) {
    this.dir = dataDir.resolve("models");
  }

  /** Writes and publishes {@code model}; returns its directory. */
  public synchronized Path save(TrainedModel model) throws IOException {
    if (!model.personal()) {
      throw new IllegalArgumentException("a popularity-only set is not saved");
    }
    Files.createDirectories(dir);
    String name = NAME.format(Instant.now());
    while (Files.exists(dir.resolve(name))) {
      name = NAME.format(Instant.now().plusMillis(1));
    }
    Path tmp = dir.resolve(".tmp-" + name);
    Files.createDirectories(tmp);
    Path file = tmp.resolve(FILE);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
          java.nio.channels.Channels.newOutputStream(ch), 1 << 16));
      write(model, out);
      out.flush();
      ch.force(true);
    }
    fsync(tmp);
    Path published = dir.resolve(name);
    Files.move(tmp, published, StandardCopyOption.ATOMIC_MOVE);
    fsync(dir);
    Path pointer = dir.resolve(".current.tmp");
    try (FileChannel ch = FileChannel.open(pointer, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(ByteBuffer.wrap((name + "\n").getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    Files.move(pointer, dir.resolve("current"), StandardCopyOption.ATOMIC_MOVE);
    fsync(dir);
    prune(KEEP);
    return published;
  }

  /** The set {@code current} names, if any. */
  public Optional<TrainedModel> loadCurrent() throws IOException {
    Path pointer = dir.resolve("current");
    if (!Files.exists(pointer)) {
      return Optional.empty();
    }
    String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
    Path file = dir.resolve(name).resolve(FILE);
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        Files.newInputStream(file), 1 << 16))) {
      return Optional.of(read(in));
    }
  }

  private static void fsync(Path directory) throws IOException {
    try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory for sync; the rename is still atomic there.
    }
  }

  /**
   * Deletes every set but the current one: after an erasure, older sets still hold the erased
   * user's history and must not outlive the retrain that forgot it.
   */
  public synchronized void dropOlderSets() throws IOException {
    prune(1);
  }

  /** Deletes all but the {@code keep} newest sets (names sort by time), and abandoned temp dirs. */
  private void prune(int keep) throws IOException {
    List<Path> sets = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(Files::isDirectory).forEach(sets::add);
    }
    sets.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
    int kept = 0;
    for (Path p : sets) {
      if (!p.getFileName().toString().startsWith(".tmp-") && kept++ < keep) {
        continue;
      }
      try (Stream<Path> files = Files.walk(p)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  static void write(TrainedModel model, DataOutputStream out) throws IOException {
    write(model, out, VERSION);
  }

  /** Writes in {@code version}'s layout; older versions only so tests can make old files. */
  static void write(TrainedModel model, DataOutputStream out, int version) throws IOException {
    Dataset data = model.data();
    Interactions x = data.interactions();
    ItemFeatures f = data.items();
    out.writeInt(MAGIC);
    out.writeInt(version);
    out.writeLong(model.trainedAt());
    out.writeLong(data.now());
    writeIds(x.users(), out);
    writeIds(x.items(), out);
    writeInts(x.rowStart, out);
    writeInts(x.rowItem, out);
    writeFloats(x.rowWeight, out);
    writeFloats(x.rowRating, out);
    writeLongs(x.rowTime, out);
    for (int i = 0; i < f.size(); i++) {
      writeNullable(version == 1 ? f.title(i) : f.titleOrNull(i), out);
      int[] g = f.genresOf(i);
      out.writeShort(g.length);
      for (int genre : g) {
        out.writeUTF(f.genreName(genre));
      }
      if (version == 1) {
        writeNullable(f.seriesOf(i) < 0 ? null : f.seriesName(f.seriesOf(i)), out);
      } else {
        writeNullable(f.seriesLabel(i), out);
      }
      out.writeByte(f.maturityLevel(i));
      out.writeBoolean(f.isAudio(i));
      if (version >= 2) {
        writeNullable(f.kind(i), out);
        writeNullable(f.seriesKey(i), out);
      }
    }
    int declared = 0;
    for (int u = 0; u < x.userCount(); u++) {
      declared += data.profile(u) != UserProfile.UNKNOWN ? 1 : 0;
    }
    out.writeInt(declared);
    for (int u = 0; u < x.userCount(); u++) {
      UserProfile p = data.profile(u);
      if (p != UserProfile.UNKNOWN) {
        out.writeInt(u);
        out.writeInt(p.age());
        writeNullable(p.gender(), out);
        writeNullable(p.country(), out);
        out.writeShort(p.interests().size());
        for (String interest : p.interests()) {
          out.writeUTF(interest);
        }
      }
    }
    writeInts(model.ease().keptItems(), out);
    writeFloats(model.ease().weights(), out);
    ImplicitAls.Params params = model.als().params();
    out.writeInt(params.factors());
    out.writeDouble(params.regularization());
    out.writeDouble(params.alpha());
    writeFloats(model.als().userFactors, out);
    writeFloats(model.als().itemFactors, out);
  }

  static TrainedModel read(DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException("not a Marquee model file");
    }
    int version = in.readInt();
    if (version < OLDEST || version > VERSION) {
      throw new IOException("a Marquee model file of version " + version + "; this release reads "
          + OLDEST + " to " + VERSION);
    }
    long trainedAt = in.readLong();
    long now = in.readLong();
    IdIndex users = readIds(in);
    IdIndex items = readIds(in);
    int[] rowStart = readInts(in);
    int[] rowItem = readInts(in);
    float[] rowWeight = readFloats(in);
    float[] rowRating = readFloats(in);
    long[] rowTime = readLongs(in);
    Interactions.Builder b = Interactions.builder(users, items);
    for (int u = 0; u < users.size(); u++) {
      for (int k = rowStart[u]; k < rowStart[u + 1]; k++) {
        b.add(u, rowItem[k], rowWeight[k], rowRating[k], rowTime[k]);
      }
    }
    Interactions x = b.build();
    ItemFeatures.Builder features = ItemFeatures.builder(items);
    String[] ratingOfLevel = {"G", "PG", "PG-13", "R"};
    for (int i = 0; i < items.size(); i++) {
      String title = readNullable(in);
      List<String> genres = new ArrayList<>();
      for (int g = in.readShort(); g > 0; g--) {
        genres.add(in.readUTF());
      }
      String series = readNullable(in);
      int level = in.readByte();
      boolean audio = in.readBoolean();
      String kind = version >= 2 ? readNullable(in) : null;
      String seriesKey = version >= 2 ? readNullable(in) : null;
      features.set(i, title, kind, genres, seriesKey, series, level < 0 ? null : ratingOfLevel[level],
          audio ? "audio" : "video");
    }
    UserProfile[] profiles = new UserProfile[users.size()];
    for (int n = in.readInt(); n > 0; n--) {
      int u = in.readInt();
      int age = in.readInt();
      String gender = readNullable(in);
      String country = readNullable(in);
      List<String> interests = new ArrayList<>();
      for (int k = in.readShort(); k > 0; k--) {
        interests.add(in.readUTF());
      }
      profiles[u] = new UserProfile(age, gender, country, interests);
    }
    Dataset data = new Dataset(x, features.build(), profiles, now);
    Ease ease = new Ease();
    ease.restore(data, readInts(in), readFloats(in));
    int factors = in.readInt();
    ImplicitAls.Params d = ImplicitAls.Params.defaults();
    ImplicitAls als = new ImplicitAls(new ImplicitAls.Params(factors, in.readDouble(),
        in.readDouble(), d.iterations(), d.cgSteps(), TrainedModel.SEED, d.threads()));
    als.restore(data, readFloats(in), readFloats(in));
    return TrainedModel.restore(data, ease, als, trainedAt);
  }

  private static void writeIds(IdIndex ids, DataOutputStream out) throws IOException {
    out.writeInt(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      out.writeUTF(ids.id(i));
    }
  }

  private static IdIndex readIds(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(in.readUTF());
    }
    return new IdIndex(ids);
  }

  private static void writeNullable(String s, DataOutputStream out) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  // Arrays go through a ByteBuffer in chunks: element-wise DataOutputStream calls are ten times
  // slower on the 64-million-float factor arrays of a large catalog.
  private static final int CHUNK = 1 << 16;

  private static void writeInts(int[] a, DataOutputStream out) throws IOException {
    writeChunked(out, a.length, 4, (buf, from, n) -> buf.asIntBuffer().put(a, from, n));
  }

  private static void writeFloats(float[] a, DataOutputStream out) throws IOException {
    writeChunked(out, a.length, 4, (buf, from, n) -> buf.asFloatBuffer().put(a, from, n));
  }

  private static void writeLongs(long[] a, DataOutputStream out) throws IOException {
    writeChunked(out, a.length, 8, (buf, from, n) -> buf.asLongBuffer().put(a, from, n));
  }

  /**
   * Writes the length, then {@code length} elements of {@code width} bytes in chunks that {@code
   * source} fills with elements {@code [from, from + n)}, big-endian.
   */
  private static void writeChunked(DataOutputStream out, int length, int width, Chunk source)
      throws IOException {
    out.writeInt(length);
    ByteBuffer buf = ByteBuffer.allocate(CHUNK * width);
    for (int from = 0; from < length; from += CHUNK) {
      int n = Math.min(CHUNK, length - from);
      buf.clear();
      source.take(buf, from, n);
      out.write(buf.array(), 0, n * width);
    }
  }

  private static int[] readInts(DataInputStream in) throws IOException {
    int[] a = new int[in.readInt()];
    readChunked(in, a.length, 4, (b, from, n) -> b.asIntBuffer().get(a, from, n));
    return a;
  }

  private static float[] readFloats(DataInputStream in) throws IOException {
    float[] a = new float[in.readInt()];
    readChunked(in, a.length, 4, (b, from, n) -> b.asFloatBuffer().get(a, from, n));
    return a;
  }

  private static long[] readLongs(DataInputStream in) throws IOException {
    long[] a = new long[in.readInt()];
    readChunked(in, a.length, 8, (b, from, n) -> b.asLongBuffer().get(a, from, n));
    return a;
  }

  /** Moves elements {@code [from, from + n)} of an array between it and big-endian bytes. */
  private interface Chunk {
    void take(ByteBuffer bytes, int from, int n);
  }

  /** Reads {@code length} elements of {@code width} bytes in chunks, so a large model never needs twice its size. */
  private static void readChunked(DataInputStream in, int length, int width, Chunk sink) throws IOException {
    byte[] bytes = new byte[CHUNK * width];
    for (int from = 0; from < length; from += CHUNK) {
      int n = Math.min(CHUNK, length - from);
      in.readFully(bytes, 0, n * width);
      sink.take(ByteBuffer.wrap(bytes, 0, n * width), from, n);
    }
  }
}
