package io.marquee.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marquee.config.DataDirLock;
import io.marquee.config.Settings;
import io.marquee.log.DuplicateFilter;
import io.marquee.log.EventLog;
import io.marquee.log.LogRecord;
import io.marquee.log.LogSettings;
import io.marquee.testing.Cli;
import io.marquee.testing.TestNode;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage to the log stops the start loudly, is shown by `log check` and repaired by `log repair`. */
class LogDamageIT {
  private static final String SEGMENT = "00000000000000000000.log";
  @TempDir Path dataDir;

  private static String batch(int b) {
    StringBuilder s = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < 100; i++) {
      s.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"Clicked\",\"userId\":\"u")
          .append(i % 7).append("\",\"messageId\":\"m-").append(b).append('-').append(i).append("\"}");
    }
    return s.append("]}").toString();
  }

  /** A data dir with {@code batches} x 100 events, all applied to the store, and the node closed. */
  private List<LogRecord> ingest(int batches) throws Exception {
    try (TestNode node = TestNode.start(dataDir)) {
      for (int b = 0; b < batches; b++) {
        assertThat(node.post("/v1/batch", batch(b), TestNode.WRITE_KEY).statusCode()).isEqualTo(200);
      }
      node.awaitStore();
    }
    try (EventLog log = EventLog.open(dataDir.resolve("log"), LogSettings.defaults(), DuplicateFilter.NONE)) {
      return log.read(0, 1_000_000, 1L << 30);
    }
  }

  private static Set<Thread> nodeThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && (t.getName().equals("event-log-writer") || t.getName().equals("store-loader")))
        .collect(Collectors.toSet());
  }

  private static void deleteTree(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void start_withCorruptRecordMidSegment_refusesNamingFileAndOffset_andRepairKeepsEveryIntactRecord()
      throws Exception {
    List<LogRecord> records = ingest(20);
    assertThat(records).hasSize(2000);
    Path segment = dataDir.resolve("log").resolve(SEGMENT);
    long size = Files.size(segment);
    long damaged = records.get(1000).position();
    byte[] bytes = Files.readAllBytes(segment);
    for (int i = 0; i < 4; i++) {
      bytes[(int) damaged + 30 + i] ^= (byte) 0xff;
    }
    Files.write(segment, bytes);

    assertThatThrownBy(() -> Marquee.open(dataDir, Settings.defaults(), "test"))
        .hasMessageContaining(segment.toString())
        .hasMessageContaining("corrupt record at offset " + damaged)
        .hasMessageContaining("log repair");
    assertThat(Files.size(segment)).as("nothing truncated").isEqualTo(size);

    Cli check = Cli.run("log", "check", "--data-dir", dataDir.toString());
    assertThat(check.exitCode).as(check.toString()).isEqualTo(1);
    assertThat(check.out).contains("1999 records").contains("DAMAGED")
        .contains("corrupt record at offset " + damaged);

    try (DataDirLock busy = DataDirLock.acquire(dataDir, "a running server")) {
      Cli refused = Cli.run("log", "repair", "--data-dir", dataDir.toString());
      assertThat(refused.exitCode).isNotZero();
      assertThat(refused.err).contains("is in use by").contains("a running server");
    }
    Cli repair = Cli.run("log", "repair", "--data-dir", dataDir.toString());
    assertThat(repair.exitCode).as(repair.toString()).isZero();
    assertThat(repair.out).contains("kept 1999 records");
    try (Stream<Path> aside = Files.list(dataDir.resolve("log").resolve("damaged"))) {
      assertThat(aside.toList()).singleElement().satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(bytes));
    }
    assertThat(Cli.run("log", "check", "--data-dir", dataDir.toString()).exitCode).isZero();

    // the store, which had applied everything, neither skips nor applies anything twice
    try (TestNode node = TestNode.start(dataDir)) {
      assertThat(node.node.store().count("events")).isEqualTo(2000);
      assertThat(node.post("/v1/batch", batch(99), TestNode.WRITE_KEY).statusCode()).isEqualTo(200);
      node.awaitStore();
      assertThat(node.node.store().count("events")).isEqualTo(2100);
    }
    // a store rebuilt from the repaired log has every intact record
    deleteTree(dataDir.resolve("store"));
    Files.deleteIfExists(dataDir.resolve(Marquee.DEDUP_SNAPSHOT));
    try (TestNode node = TestNode.start(dataDir)) {
      assertThat(node.node.store().count("events")).isEqualTo(2099);
    }
  }

  @Test
  void start_withStorePositionBeyondTheLogEnd_refusesNamingBoth_andLeavesNothingOpen() throws Exception {
    List<LogRecord> records = ingest(5);
    long end = records.get(records.size() - 1).next();
    long cut = records.get(200).position();
    try (FileChannel ch = FileChannel.open(dataDir.resolve("log").resolve(SEGMENT), StandardOpenOption.WRITE)) {
      ch.truncate(cut);
    }
    Set<Thread> before = nodeThreads();

    assertThatThrownBy(() -> Marquee.open(dataDir, Settings.defaults(), "test"))
        .hasMessageContaining("up to position " + end)
        .hasMessageContaining("the log ends at position " + cut);

    assertThat(nodeThreads()).as("no log writer or loader thread left behind").isEqualTo(before);
    try (DataDirLock again = DataDirLock.acquire(dataDir, "after a failed open")) {
      assertThat(again).isNotNull();
    }
    assertThatThrownBy(() -> Marquee.open(dataDir, Settings.defaults(), "test"))
        .as("the store file was closed too: a second open fails the same way, not on a lock")
        .hasMessageContaining("the log ends at position " + cut);

    deleteTree(dataDir.resolve("store"));
    try (TestNode node = TestNode.start(dataDir)) {
      assertThat(node.node.store().count("events")).as("rebuilt from what the log holds").isEqualTo(200);
    }
  }
}
