package io.marquee.cli;

import java.io.PrintStream;

/** A one-line progress bar on a terminal stream, redrawn at most every 200 ms. */
final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final String label;
  private final long total;
  private final long started = System.nanoTime();
  private long lastDraw;

  ProgressBar(PrintStream out, String label, long total) {
    this.out = out;
    this.label = label;
    this.total = Math.max(1, total);
  }

  synchronized void update(long done, String detail) {
    long now = System.nanoTime();
    if (done < total && now - lastDraw < 200_000_000L) {
      return;
    }
    lastDraw = now;
    int filled = (int) (WIDTH * Math.min(done, total) / total);
    double seconds = (now - started) / 1e9;
    out.printf("\r%s [%s%s] %3d%% %,d/%,d %s %.0fs", label, "#".repeat(filled), " ".repeat(WIDTH - filled),
        100 * Math.min(done, total) / total, done, total, detail, seconds);
    if (done >= total) {
      out.println();
    }
    out.flush();
  }
}
