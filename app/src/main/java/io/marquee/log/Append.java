package io.marquee.log;

import java.util.concurrent.CompletableFuture;

/**
 * A request's records on their way into the log: framed in the caller's thread, deduplicated and
 * written by the log's writer thread, acknowledged once fsynced.
 *
 * <p>{@code keys[i]} is the deduplication key of record i (0 means "never a duplicate").
 * {@code duplicate[i]} is set by the writer.
 */
final class Append {
  final byte[] frames;
  final int[] offsets;
  final long[] keys;
  final boolean[] duplicate;
  final CompletableFuture<boolean[]> done = new CompletableFuture<>();

  Append(byte[] frames, int[] offsets, long[] keys) {
    this.frames = frames;
    this.offsets = offsets;
    this.keys = keys;
    this.duplicate = new boolean[keys.length];
  }

  int count() {
    return keys.length;
  }

  int frameStart(int i) {
    return offsets[i];
  }

  int frameEnd(int i) {
    return i + 1 < offsets.length ? offsets[i + 1] : frames.length;
  }
}
