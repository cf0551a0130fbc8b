package io.marquee.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NDJSON files of Segment messages: bad lines reported by number, the rest imported. */
class SegmentNdjsonImporterTest {
  private final RecordingSink sink = new RecordingSink();
  private final SegmentNdjsonImporter importer = new SegmentNdjsonImporter(sink);

  @TempDir Path temp;

  @Test
  void aBadLineInTheMiddleIsReportedAndTheOthersImported() throws Exception {
    Path file =
        write(
            track("m1"),
            "",
            "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"Play",
            track("m2"),
            "[1,2]",
            "   ",
            track("m3") + " {}",
            "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"Play\"}",
            track("m4"));

    ImportReport report = importer.importFile(file);

    assertThat(report.errors()).hasSize(4);
    assertThat(report.errors().get(0)).startsWith("events.ndjson line 3: not valid JSON");
    assertThat(report.errors().get(1))
        .isEqualTo("events.ndjson line 5: not a JSON object (found array)");
    assertThat(report.errors().get(2)).startsWith("events.ndjson line 7: not valid JSON");
    assertThat(report.errors().get(3))
        .isEqualTo("events.ndjson line 8: refused by the pipeline: messageId is required");
    assertThat(report)
        .extracting(ImportReport::read, ImportReport::accepted, ImportReport::rejected)
        .containsExactly(7L, 3L, 4L);
    assertThat(sink.accepted)
        .extracting(m -> m.path("messageId").asText())
        .containsExactly("m1", "m2", "m4");
  }

  @Test
  void messagesGoInBatchesOf5000AndAgainAsDuplicates() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 12_001; i++) {
      lines.add(track("m" + i));
    }
    Path file = write(lines.toArray(new String[0]));

    ImportReport first = importer.importFile(file);
    ImportReport second = importer.importFile(file);

    assertThat(sink.batchSizes).containsExactly(5_000, 5_000, 2_001, 5_000, 5_000, 2_001);
    assertThat(first.accepted()).isEqualTo(12_001);
    assertThat(first.duplicates()).isZero();
    assertThat(second.accepted()).isEqualTo(12_001);
    assertThat(second.duplicates()).isEqualTo(12_001);
  }

  @Test
  void anOverloadedPipelineIsRetried() throws Exception {
    sink.overloadFor(2);

    ImportReport report = importer.importFile(write(track("m1"), track("m2")));

    assertThat(report.accepted()).isEqualTo(2);
    assertThat(sink.batchSizes).containsExactly(2);
  }

  @Test
  void anEmptyFileImportsNothing() throws Exception {
    ImportReport report = importer.importFile(write());

    assertThat(report.read()).isZero();
    assertThat(sink.batchSizes).isEmpty();
  }

  private static String track(String messageId) {
    return "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"Play\",\"messageId\":\""
        + messageId + "\",\"timestamp\":\"2024-01-01T00:00:00Z\"}";
  }

  private Path write(String... lines) throws IOException {
    Path file = temp.resolve("events.ndjson");
    Files.writeString(file, lines.length == 0 ? "" : String.join("\n", lines) + "\n");
    return file;
  }
}
