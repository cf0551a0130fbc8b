package io.marquee.imports;

import java.util.List;
import java.util.Locale;

/**
 * What one import did: how many records it read and what became of them.
 *
 * <p>Each record read is counted once: as a message the event pipeline accepted (duplicates
 * included), as a title written to the catalog, or as rejected (malformed, or refused by the
 * pipeline). So {@code read == accepted + titles + rejected}.
 *
 * @param read data records read: rows or lines, not counting headers and blank lines
 * @param accepted messages the event pipeline accepted, duplicates included
 * @param duplicates of the accepted, how many repeated a messageId the pipeline already had
 * @param rejected records that did not get in: malformed, or refused by the pipeline
 * @param errors the first {@value #MAX_ERRORS} errors, each naming its file and line
 * @param titles titles written to the catalog
 */
public record ImportReport(
    long read, long accepted, long duplicates, long rejected, List<String> errors, long titles) {

  /** How many errors a report keeps; {@link #rejected} counts them all. */
  public static final int MAX_ERRORS = 20;

  public ImportReport {
    errors = List.copyOf(errors);
  }

  /**
   * A summary for people: the counts on one line, then the kept errors one per line, then how
   * many more there were.
   */
  public String summary() {
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "read %,d records: %,d events accepted (%,d duplicates), %,d titles, %,d rejected",
                read,
                accepted,
                duplicates,
                titles,
                rejected));
    for (String error : errors) {
      out.append(System.lineSeparator()).append("  ").append(error);
    }
    long more = rejected - errors.size();
    if (more > 0) {
      out.append(System.lineSeparator())
          .append(String.format(Locale.ROOT, "  ... and %,d more", more));
    }
    return out.toString();
  }
}
