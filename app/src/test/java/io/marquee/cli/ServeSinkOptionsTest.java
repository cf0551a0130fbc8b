package io.marquee.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --sink/--kafka/--topic}: refused clearly when incomplete, and a collector refuses the
 * options of a node (its data dir, its write keys), which it takes from the owning node's control topic.
 */
class ServeSinkOptionsTest {
  @TempDir Path dir;

  @Test
  void unknownSink_isRefusedNamingTheOption() {
    Cli r = Cli.run("serve", "--data-dir", dir.resolve("d").toString(), "--port", "0", "--sink", "spool");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
    assertThat(r.err).contains("--sink must be log or kafka, not 'spool'");
  }

  @Test
  void kafkaSinkWithoutBrokers_isRefusedNamingTheOption() {
    Cli r = Cli.run("serve", "--port", "0", "--host", "127.0.0.1", "--sink", "kafka");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
    assertThat(r.err).contains("--kafka HOST:PORT");
  }

  @Test
  void kafkaSinkWithADataDir_isRefusedNamingTheOptionAndTheOwningNode_andTheDataDirIsNotCreated() {
    Path data = dir.resolve("d");
    Cli r = Cli.run("serve", "--data-dir", data.toString(), "--port", "0", "--host", "127.0.0.1",
        "--sink", "kafka", "--kafka", "127.0.0.1:9");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
    assertThat(r.err).contains("--data-dir is not an option of a collector (--sink kafka)")
        .contains("managed on the owning node").contains("control topic");
    assertThat(Files.exists(data)).isFalse();
  }

  @Test
  void kafkaSinkWithAWriteKey_isRefusedNamingTheOptionAndTheOwningNode() {
    Cli r = Cli.run("serve", "--port", "0", "--host", "127.0.0.1", "--write-key", "k", "--sink", "kafka",
        "--kafka", "127.0.0.1:9");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
    assertThat(r.err).contains("--write-key is not an option of a collector (--sink kafka)")
        .contains("managed on the owning node").contains("control topic");
  }
}
