package io.marquee.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.core.EventSink;
import io.marquee.core.FieldLimits;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The importer of Segment messages from a UTF-8 NDJSON file (one JSON object per line), submitted
 * to the event pipeline unchanged in batches of 5,000.
 */
public final class SegmentNdjsonImporter {
  private static final ObjectReader JSON =
      new ObjectMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final EventSink sink;

  public SegmentNdjsonImporter(EventSink sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /**
   * Imports one Segment message per line. Blank lines are skipped; a line that is not a JSON
   * object is reported with its line number and skipped, and the rest are still imported. Messages
   * the pipeline refuses (no messageId, unknown type, ...) are reported with their line numbers.
   *
   * @throws IOException when the file cannot be read or is not UTF-8
   * @throws InterruptedException when interrupted while waiting for the pipeline; batches
   *     submitted before then stay imported
   */
  public ImportReport importFile(Path ndjson) throws IOException, InterruptedException {
    String file = ndjson.getFileName().toString();
    ReportBuilder report = new ReportBuilder();
    BatchSubmitter out = new BatchSubmitter(sink, report);
    try (Lines in = new Lines(Inputs.utf8(ndjson))) {
      long line = 0;
      while (true) {
        String text;
        try {
          text = in.next();
        } catch (Lines.TooLongException e) {
          line++;
          report.read();
          report.reject(file + " line " + line + ": " + e.getMessage());
          continue;
        }
        if (text == null) {
          break;
        }
        line++;
        if (line == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1);
        }
        if (text.isBlank()) {
          continue;
        }
        report.read();
        String where = file + " line " + line;
        JsonNode node;
        try {
          node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
          report.reject(where + ": not valid JSON: " + e.getOriginalMessage());
          continue;
        }
        String tooLong = node instanceof ObjectNode ? FieldLimits.problemInProperties(node.get("properties")) : null;
        if (tooLong != null) {
          report.reject(where + ": " + tooLong);
        } else if (node instanceof ObjectNode) {
          out.add((ObjectNode) node, where);
        } else {
          String found = node.getNodeType().toString().toLowerCase(Locale.ROOT);
          report.reject(where + ": not a JSON object (found " + found + ")");
        }
      }
    } catch (CharacterCodingException e) {
      throw Inputs.notUtf8(ndjson, e);
    }
    out.flush();
    return report.build();
  }
}
