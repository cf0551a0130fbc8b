package io.marquee.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown at open when a segment holds damage followed by valid records: not a crash's torn tail but
 * corruption, which start-up never cuts. {@code marquee log check} shows it, {@code marquee log
 * repair} moves the segment aside and keeps every intact record.
 */
public final class LogDamagedException extends IOException {
  private static final long serialVersionUID = 1L;

  LogDamagedException(Path file, SegmentCheck.Damage damage) {
    super("event log segment " + file + " is damaged: " + damage + "; nothing was truncated."
        + " Run `marquee log check` to see all damage and `marquee log repair` to keep every intact record");
  }
}
