package io.marquee.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AuditCommandTest {
  @TempDir Path dataDir;

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new AuditCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void verify_exitsZeroOnAnIntactLog_andOneNamingTheBrokenEntry() throws Exception {
    try (AuditLog audit = AuditLog.open(dataDir)) {
      for (int i = 0; i < 3; i++) {
        audit.append("cli", AuditAction.KEY_CREATE, null, Map.of("keyId", "k" + i));
      }
    }
    String[] ok = run("verify", "--data-dir", dataDir.toString());
    assertThat(ok[0]).isEqualTo("0");
    assertThat(ok[1]).startsWith("audit log ok: 3 entries");

    Path log = dataDir.resolve("audit/audit.log");
    List<String> lines = Files.readAllLines(log);
    Files.write(log, List.of(lines.get(0), lines.get(2)));
    String[] broken = run("verify", "--data-dir", dataDir.toString());
    assertThat(broken[0]).isEqualTo("1");
    assertThat(broken[2]).startsWith("audit log broken at entry 2: entry 2 removed");
  }

  @Test
  void verify_ofAMissingDataDir_fails() {
    // the rule lives on the whole command line (config.ExistingDataDir via cli.Main), so run through it
    io.marquee.testing.Cli r = io.marquee.testing.Cli.run("audit", "verify", "--data-dir", dataDir.resolve("nope").toString());
    assertThat(r.exitCode).isEqualTo(1);
    assertThat(r.err).contains("no data dir");
  }
}
