package io.marquee.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --sink/--kafka/--topic}: refused clearly when incomplete, the data dir released. */
class ServeSinkOptionsTest {
  @TempDir Path dir;

  @Test
  void unknownSink_isRefusedNamingTheOption() {
    Cli r = Cli.run("serve", "--data-dir", dir.resolve("d").toString(), "--port", "0", "--sink", "spool");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
    assertThat(r.err).contains("--sink must be log or kafka, not 'spool'");
  }

  @Test
  void kafkaSinkWithoutBrokers_isRefusedNamingTheOption_andTheDataDirIsReleased() throws Exception {
    Path data = dir.resolve("d");
    Cli r = Cli.run("serve", "--data-dir", data.toString(), "--port", "0", "--host", "127.0.0.1",
        "--write-key", "k", "--sink", "kafka");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
    assertThat(r.err).contains("give --kafka HOST:PORT");
    io.marquee.server.Marquee.open(data, io.marquee.config.Settings.defaults(), "test").close();
  }
}
