package io.marquee.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable, append-only event log: segment files of checksummed records, written by one thread
 * that commits every waiting request with a single fsync (group commit).
 *
 * <p>Implementation notes. Callers frame their records ({@link #frame}) in their own thread, then
 * {@link #append} queues them; the writer thread drains everything queued, drops duplicates through
 * the {@link DuplicateFilter} (in log order, so the decision is race-free), writes with one gathering
 * write, calls {@code force} and only then completes the callers' futures. A request is therefore
 * acknowledged only after its records are on disk. Queued bytes are bounded; past the bound
 * {@link #append} throws {@link LogFullException} without taking anything, which the HTTP layer turns
 * into 503 + Retry-After. Positions are global byte offsets; a segment file is named by the position of
 * its first byte.
 *
 * <p>On open, the last segment is scanned. Damage after which no valid frame follows is a torn tail (a
 * write cut short by a crash, never acknowledged) and is cut, logged with file, offset and bytes;
 * damage followed by valid frames is corruption and the open fails with {@link LogDamagedException}
 * naming file and offset: nothing is ever truncated silently ({@code marquee log check / repair}).
 *
 * <p>A failed write or fsync (a full disk) does not stop the writer: the group's appends fail with
 * {@link LogFullException} (so nothing of those requests is acknowledged and the HTTP layer answers
 * 503), their deduplication keys are forgotten, the segment is cut back to the last durable position,
 * and the next append tries again; {@link #writeError} tells the health check meanwhile.
 */
public final class EventLog implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
  private static final Append POISON = new Append(new byte[0], new int[0], new long[0]);

  private final Path dir;
  private final LogSettings settings;
  private final DuplicateFilter duplicates;
  private final LinkedBlockingQueue<Append> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicLong durable = new AtomicLong();
  private final List<LongConsumer> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final LogStats stats = new LogStats();
  private final Thread writer;
  private FileChannel active;
  private long activeBase;
  private volatile boolean closed;
  private volatile Throwable failure;
  private volatile IOException writeError;
  /** Test seam: when set, each commit's write fails with this after writing its bytes. */
  private volatile IOException injectedFault;

  private EventLog(Path dir, LogSettings settings, DuplicateFilter duplicates) throws IOException {
    this.dir = dir;
    this.settings = settings;
    this.duplicates = duplicates;
    Files.createDirectories(dir);
    recover();
    this.writer = new Thread(this::writeLoop, "event-log-writer");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /**
   * Opens (creating if needed) the log in {@code dir}, cutting off a torn last record.
   *
   * @throws LogDamagedException when the last segment has damage followed by valid records
   */
  public static EventLog open(Path dir, LogSettings settings, DuplicateFilter duplicates)
      throws IOException {
    return new EventLog(dir, settings, duplicates);
  }

  /** Frames payloads into one buffer: length, CRC32C, bytes for each. */
  public static byte[] frame(List<byte[]> payloads, int[] offsetsOut) {
    int total = 0;
    for (byte[] p : payloads) {
      total += Segment.HEADER_BYTES + p.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(total);
    for (int i = 0; i < payloads.size(); i++) {
      byte[] p = payloads.get(i);
      offsetsOut[i] = buf.position();
      buf.putInt(p.length).putInt(Segment.crc(p, 0, p.length)).put(p);
    }
    return buf.array();
  }

  /**
   * Queues records for the log. The future completes, once they are fsynced, with one flag per record
   * telling whether it was a duplicate (and so not written again).
   *
   * @param keys deduplication key per record, 0 for none
   * @throws LogFullException when the queue is over its byte bound; nothing was taken
   */
  public CompletableFuture<boolean[]> append(List<byte[]> payloads, long[] keys) {
    int[] offsets = new int[payloads.size()];
    byte[] frames = frame(payloads, offsets);
    for (byte[] p : payloads) {
      if (p.length > settings.maxRecordBytes()) {
        throw new IllegalArgumentException(
            "record of " + p.length + " bytes exceeds the log's limit of " + settings.maxRecordBytes());
      }
    }
    Append a = new Append(frames, offsets, keys);
    Throwable failed = failure;
    if (failed != null) {
      throw new LogFullException("the event log's writer failed (" + failed + "); nothing was accepted",
          failed);
    }
    if (closed) {
      throw new LogFullException("event log is closing");
    }
    long after = queuedBytes.addAndGet(frames.length);
    if (after > settings.maxQueuedBytes() && after != frames.length) {
      queuedBytes.addAndGet(-frames.length);
      stats.refusals.increment();
      throw new LogFullException("event log write queue is full (" + after + " bytes)");
    }
    queue.add(a);
    return a.done;
  }

  /** Position just past the last fsynced record. */
  public long durablePosition() {
    return durable.get();
  }

  /** Position of the oldest byte still in the log. */
  public long startPosition() throws IOException {
    List<Path> segments = segments();
    return segments.isEmpty() ? durable.get() : Segment.basePosition(segments.get(0));
  }

  /**
   * Where a reader that stopped at {@code position} resumes: {@code position} itself when a frame
   * starts there (the normal case, one header read), or the end of the hole left by {@code log repair}
   * that covers it.
   *
   * @throws IOException when {@code position} falls inside a record, naming the segment and offset
   */
  public long resumePosition(long position) throws IOException {
    List<Path> segs = segments();
    Path file = null;
    for (Path p : segs) {
      if (Segment.basePosition(p) <= position) {
        file = p;
      }
    }
    if (file == null || position >= durable.get()) {
      return position;
    }
    long base = Segment.basePosition(file);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long target = position - base;
      if (target >= ch.size()) {
        return position;
      }
      ByteBuffer header = ByteBuffer.allocate(Segment.HEADER_BYTES);
      if (frameAt(ch, target, header) > 0) {
        return position;
      }
      long offset = 0;
      while (offset < target) {
        long frame = frameAt(ch, offset, header);
        if (frame <= 0) {
          break;
        }
        if (offset + frame > target) {
          if (header.getInt(0) < 0) {
            return base + offset + frame;
          }
          break;
        }
        offset += frame;
      }
      if (offset == target) {
        return position;
      }
      throw new IOException("log position " + position + " is not a record boundary of " + file
          + " (offset " + target + "); the store and the log disagree");
    }
  }

  /** Size of the frame whose header is at {@code offset} (record or hole), or 0 if none starts there. */
  private long frameAt(FileChannel ch, long offset, ByteBuffer header) throws IOException {
    if (offset + Segment.HEADER_BYTES > ch.size()) {
      return 0;
    }
    header.clear();
    Segment.readFully(ch, header, offset);
    int length = header.getInt(0);
    if (Segment.isHole(length, header.getInt(4))) {
      return -(long) length;
    }
    if (length <= 0 || length > settings.maxRecordBytes() || offset + Segment.HEADER_BYTES + length > ch.size()) {
      return 0;
    }
    ByteBuffer payload = ByteBuffer.allocate(length);
    Segment.readFully(ch, payload, offset + Segment.HEADER_BYTES);
    return Segment.crc(payload.array(), 0, length) == header.getInt(4) ? Segment.HEADER_BYTES + length : 0;
  }

  /** Registers a callback run in the writer thread with the new durable position after each sync. */
  public void onDurable(LongConsumer listener) {
    listeners.add(listener);
  }

  /** Bytes waiting in the write queue. */
  public long queuedBytes() {
    return queuedBytes.get();
  }

  public LogStats stats() {
    return stats;
  }

  /**
   * Why the last write or fsync failed (e.g. "No space left on device"), or null once writes succeed
   * again. While set, appends are still tried but fail with {@link LogFullException}.
   */
  public String writeError() {
    IOException e = writeError;
    return e == null ? null : String.valueOf(e.getMessage());
  }

  /** Why the writer thread stopped for good (a bug, never a disk error), or null while it runs. */
  public String failure() {
    Throwable t = failure;
    return t == null ? null : t.toString();
  }

  /** Bytes free for the log on its file system, or -1 when that cannot be read. */
  public long freeBytes() {
    try {
      return Files.getFileStore(dir).getUsableSpace();
    } catch (IOException e) {
      return -1;
    }
  }

  /** Test seam: makes every following write fail with {@code fault} (null: write normally again). */
  void injectWriteFault(IOException fault) {
    this.injectedFault = fault;
  }

  /** Reads records from {@code from} up to the durable position, at most {@code maxRecords}. */
  public List<LogRecord> read(long from, int maxRecords, long maxBytes) throws IOException {
    return LogReader.read(segments(), from, durable.get(), maxRecords, maxBytes);
  }

  /**
   * Deletes whole segments that end at or before {@code position} and were last written before
   * {@code writtenBefore}, oldest first (never the active one). Returns how many were deleted.
   */
  public int deleteSegments(long position, java.time.Instant writtenBefore) throws IOException {
    List<Path> segs = segments();
    int deleted = 0;
    for (int i = 0; i + 1 < segs.size(); i++) {
      long nextBase = Segment.basePosition(segs.get(i + 1));
      if (nextBase > position
          || !Files.getLastModifiedTime(segs.get(i)).toInstant().isBefore(writtenBefore)) {
        break;
      }
      Files.deleteIfExists(segs.get(i));
      deleted++;
    }
    return deleted;
  }

  List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(Segment.SUFFIX)).sorted().toList();
    }
  }

  private void recover() throws IOException {
    List<Path> segs = segments();
    if (segs.isEmpty()) {
      openSegment(0);
      return;
    }
    Path last = segs.get(segs.size() - 1);
    activeBase = Segment.basePosition(last);
    active = FileChannel.open(last, StandardOpenOption.READ, StandardOpenOption.WRITE);
    long size = active.size();
    long end = Segment.validEnd(active, 0, settings.maxRecordBytes());
    if (end < size) {
      try {
        SegmentCheck tail = SegmentCheck.of(last, active.map(FileChannel.MapMode.READ_ONLY, 0, size),
            (int) end, settings.maxRecordBytes());
        SegmentCheck.Damage first = tail.damage().get(0);
        if (first.kind() == SegmentCheck.Kind.CORRUPT) {
          throw new LogDamagedException(last, first);
        }
      } catch (IOException | RuntimeException e) {
        active.close();
        throw e;
      }
      LOG.warn("event log: cut a torn tail of {} bytes at offset {} of {} (no valid record follows it,"
          + " so it was never acknowledged)", size - end, end, last);
      active.truncate(end);
      active.force(true);
    }
    active.position(end);
    durable.set(activeBase + end);
  }

  private void openSegment(long base) throws IOException {
    Path file = dir.resolve(Segment.fileName(base));
    // a retry after a failed write may find the empty file its first attempt created
    FileChannel next = Files.exists(file) && Files.size(file) == 0
        ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
        : FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    if (active != null) {
      try {
        active.force(true);
      } catch (IOException e) {
        next.close();
        throw e;
      }
      active.close();
    }
    activeBase = base;
    active = next;
    FileChannel dirChannel = null;
    try {
      dirChannel = FileChannel.open(dir, StandardOpenOption.READ);
      dirChannel.force(true);
    } catch (IOException e) {
      LOG.debug("directory fsync not supported: {}", e.toString());
    } finally {
      if (dirChannel != null) {
        dirChannel.close();
      }
    }
    durable.set(base);
  }

  private void writeLoop() {
    List<Append> group = new ArrayList<>();
    List<ByteBuffer> buffers = new ArrayList<>();
    try {
      while (true) {
        Append first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        queue.drainTo(group);
        boolean stop = group.remove(POISON);
        if (!group.isEmpty()) {
          commit(group, buffers);
        }
        group.clear();
        buffers.clear();
        if (stop) {
          return;
        }
      }
    } catch (Throwable t) {
      failure = t;
      LOG.error("event log writer failed; no further writes are acknowledged", t);
      for (Append a : group) {
        a.done.completeExceptionally(t);
      }
      Append a;
      while ((a = queue.poll()) != null) {
        a.done.completeExceptionally(t);
      }
    }
  }

  /**
   * Writes and syncs a group. A failed write or sync fails the group's appends, forgets their keys
   * and cuts the segment back, so that a retry writes them as new and no failed bytes stay behind.
   */
  private void commit(List<Append> group, List<ByteBuffer> buffers) throws IOException {
    long before = activeBase + active.position();
    try {
      write(group, buffers);
    } catch (IOException e) {
      writeError = e;
      stats.writeErrors.increment();
      LOG.error("event log: write failed ({}); {} requests refused, retrying on the next append",
          e.getMessage(), group.size());
      for (Append a : group) {
        for (int i = 0; i < a.count(); i++) {
          if (a.keys[i] != 0 && !a.duplicate[i]) {
            duplicates.forget(a.keys[i]);
          }
        }
      }
      cutBack(before);
      long taken = 0;
      for (Append a : group) {
        taken += a.frames.length;
      }
      queuedBytes.addAndGet(-taken);
      LogFullException refused = new LogFullException("the event log cannot write (" + e.getMessage()
          + "); nothing of this request was written", e);
      for (Append a : group) {
        a.done.completeExceptionally(refused);
      }
    }
  }

  /** Removes whatever a failed write left past {@code position} (a global position). */
  private void cutBack(long position) {
    try {
      if (position < activeBase) {
        return;
      }
      active.truncate(position - activeBase);
      active.position(position - activeBase);
    } catch (IOException e) {
      LOG.error("event log: could not cut back to position {} after a failed write: {}", position, e.toString());
    }
  }

  private void write(List<Append> group, List<ByteBuffer> buffers) throws IOException {
    long bytes = 0;
    long records = 0;
    long taken = 0;
    for (Append a : group) {
      taken += a.frames.length;
      int runStart = -1;
      for (int i = 0; i < a.count(); i++) {
        boolean fresh = a.keys[i] == 0 || duplicates.firstSeen(a.keys[i]);
        a.duplicate[i] = !fresh;
        if (fresh) {
          records++;
          if (runStart < 0) {
            runStart = a.frameStart(i);
          }
        } else if (runStart >= 0) {
          buffers.add(ByteBuffer.wrap(a.frames, runStart, a.frameStart(i) - runStart));
          runStart = -1;
        }
      }
      if (runStart >= 0) {
        buffers.add(ByteBuffer.wrap(a.frames, runStart, a.frames.length - runStart));
      }
    }
    for (ByteBuffer b : buffers) {
      bytes += b.remaining();
    }
    if (bytes > 0) {
      if (active.position() > 0 && active.position() + bytes > settings.segmentBytes()) {
        openSegment(activeBase + active.position());
      }
      ByteBuffer[] array = buffers.toArray(ByteBuffer[]::new);
      long remaining = bytes;
      while (remaining > 0) {
        remaining -= active.write(array);
      }
      IOException fault = injectedFault;
      if (fault != null) {
        throw new IOException(fault.getMessage(), fault);
      }
      long t0 = System.nanoTime();
      if (settings.fsync()) {
        active.force(false);
      }
      stats.recordSync(System.nanoTime() - t0, bytes, records);
    }
    long position = activeBase + active.position();
    if (writeError != null && bytes > 0) {
      LOG.info("event log: writes succeed again after {}", writeError.getMessage());
      writeError = null;
    }
    durable.set(position);
    queuedBytes.addAndGet(-taken);
    for (Append a : group) {
      a.done.complete(a.duplicate);
    }
    for (LongConsumer l : listeners) {
      l.accept(position);
    }
  }

  /** Stops taking appends, writes and syncs everything queued, and closes the files. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(POISON);
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while closing the event log", e);
    }
    Append late;
    while ((late = queue.poll()) != null) {
      late.done.completeExceptionally(new LogFullException("event log is closed"));
    }
    if (active != null) {
      active.force(true);
      active.close();
    }
  }

}
