package io.marquee.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EventsCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void ndjsonHasOneSegmentMessagePerLineWithDistinctIds() throws Exception {
    Path out = dir.resolve("events.ndjson");
    int rc =
        cli().execute("events", "--events", "1234", "--format", "ndjson", "--out", out.toString());
    assertThat(rc).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(1234);
    Set<String> ids = new HashSet<>();
    for (String line : lines) {
      JsonNode m = JSON.readTree(line);
      assertThat(m.get("type").asText()).isEqualTo("track");
      assertThat(m.get("properties").fieldNames())
          .toIterable()
          .containsExactly("session_id", "asset_id", "position", "total_length", "media_type");
      ids.add(m.get("messageId").asText());
    }
    assertThat(ids).hasSize(1234);
  }

  @Test
  void csvHasAHeaderAndElevenColumnsPerRow() throws Exception {
    Path out = dir.resolve("events.csv");
    int rc =
        cli()
            .execute(
                "events",
                "--events",
                "600",
                "--format",
                "CSV",
                "--out",
                out.toString(),
                "--seed-ids");
    assertThat(rc).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(601);
    assertThat(lines.get(0))
        .isEqualTo(
            "message_id,type,event,user_id,timestamp,session_id,asset_id,media_type,position,"
                + "total_length,context");
    String runId = Heartbeats.runIdFromSeed(42);
    String first = lines.get(1);
    assertThat(first).startsWith(runId + "-000000000000,track,Video Content Playing,user-");
    assertThat(first).contains(",2025-01-01T00:00:00.000Z,");
    assertThat(first)
        .endsWith(
            ",\"{\"\"library\"\":{\"\"name\"\":\"\"marquee-bench\"\",\"\"version\"\":\"\"0.1.0\"\"}}\"");
    for (String row : lines.subList(1, lines.size())) {
      // The context column is the only one with commas inside quotes.
      String plain = row.substring(0, row.indexOf(",\"{"));
      assertThat(plain.split(",", -1)).hasSize(10);
    }
    // Same seed and --seed-ids: the same file again.
    Path again = dir.resolve("again.csv");
    cli()
        .execute(
            "events",
            "--events",
            "600",
            "--format",
            "csv",
            "--out",
            again.toString(),
            "--seed-ids");
    assertThat(Files.readAllLines(again)).isEqualTo(lines);
  }

  @Test
  void csvAndNdjsonDescribeTheSameEvents() throws Exception {
    Heartbeats h =
        new Heartbeats(7, "samerun1", Heartbeats.DEFAULT_VIEWERS, Heartbeats.FIXED_BASE_MILLIS);
    Path csv = dir.resolve("a.csv");
    Path ndjson = dir.resolve("a.ndjson");
    EventsCommand.write(h, 1_001, EventsCommand.Format.CSV, csv);
    EventsCommand.write(h, 1_001, EventsCommand.Format.NDJSON, ndjson);
    List<String> rows = Files.readAllLines(csv);
    List<String> messages = Files.readAllLines(ndjson);
    for (int i : new int[] {0, 499, 500, 1_000}) {
      String[] c = rows.get(i + 1).substring(0, rows.get(i + 1).indexOf(",\"{")).split(",");
      JsonNode m = JSON.readTree(messages.get(i));
      JsonNode p = m.get("properties");
      assertThat(c)
          .containsExactly(
              m.get("messageId").asText(),
              m.get("type").asText(),
              m.get("event").asText(),
              m.get("userId").asText(),
              m.get("timestamp").asText(),
              p.get("session_id").asText(),
              p.get("asset_id").asText(),
              p.get("media_type").asText(),
              p.get("position").asText(),
              p.get("total_length").asText());
    }
  }

  private static CommandLine cli() {
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(new java.io.PrintWriter(new java.io.StringWriter(), true));
    return cli;
  }
}
