package io.marquee.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --tls-cert/--tls-key}: refused clearly when incomplete or unusable, data dir released. */
class ServeTlsOptionsTest {
  @TempDir Path dir;

  @Test
  void certWithoutKey_isRefusedBeforeTheNodeOpens() {
    Cli r = Cli.run("serve", "--data-dir", dir.resolve("d").toString(), "--port", "0",
        "--tls-cert", dir.resolve("cert.pem").toString());
    assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
    assertThat(r.err).contains("--tls-cert and --tls-key go together");
  }

  @Test
  void unreadableCertificate_isRefusedNamingIt_andTheDataDirIsReleased() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Files.writeString(cert, "not a certificate");
    Path data = dir.resolve("d");
    Cli r = Cli.run("serve", "--data-dir", data.toString(), "--port", "0", "--host", "127.0.0.1",
        "--write-key", "k", "--tls-cert", cert.toString(), "--tls-key", cert.toString());
    assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
    assertThat(r.err).contains("cannot use the TLS certificate").contains(cert.toString());
    // the lock was released: the data dir opens again in this process
    io.marquee.server.Marquee.open(data, io.marquee.config.Settings.defaults(), "test").close();
  }
}
