package io.marquee.log;

/**
 * How the event log is laid out and bounded.
 *
 * @param segmentBytes a segment file is rolled when the next write would take it past this size
 * @param maxQueuedBytes bytes that may wait for the writer before appends are refused
 * @param maxRecordBytes largest payload one record may have
 * @param fsync whether each group commit calls fsync (off only for experiments: acks stop being durable)
 */
public record LogSettings(long segmentBytes, long maxQueuedBytes, int maxRecordBytes, boolean fsync) {

  public static LogSettings defaults() {
    return new LogSettings(128L << 20, 256L << 20, 1 << 20, true);
  }
}
