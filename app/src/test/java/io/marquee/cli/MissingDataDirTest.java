package io.marquee.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only serve, demo and import create a data dir: every other command given a missing {@code
 * --data-dir} (a typo) says so and exits 1, creating nothing (sql once answered 0 from a new, empty store).
 */
class MissingDataDirTest {
  @TempDir Path tmp;

  @Test
  void everyCommandButServeDemoAndImport_refusesAMissingDataDir_namingIt_andCreatesNothing() throws Exception {
    Path typo = tmp.resolve("typo");
    String dir = typo.toString();
    Path key = tmp.resolve("new.key");
    Cli.run("keys", "init-master", "--out", key.toString());
    List<String[]> commands = List.of(
        new String[] {"sql", "--data-dir", dir, "SELECT count(*) FROM events"},
        new String[] {"export", "partner", "--data-dir", dir, "--to", "acme", "--fields", "age_bracket",
            tmp.resolve("out.csv").toString()},
        new String[] {"train", "--data-dir", dir},
        new String[] {"keys", "create", "--data-dir", dir, "--role", "admin"},
        new String[] {"keys", "list", "--data-dir", dir},
        new String[] {"keys", "revoke", "--data-dir", dir, "abc"},
        new String[] {"keys", "rotate-master", "--data-dir", dir, "--master-key-file", key.toString(),
            "--new-master-key-file", key.toString()},
        new String[] {"audit", "verify", "--data-dir", dir},
        new String[] {"log", "check", "--data-dir", dir},
        new String[] {"log", "repair", "--data-dir", dir});
    List<String> wrong = new ArrayList<>();
    for (String[] args : commands) {
      Cli r = Cli.run(args);
      String name = args[0].equals("sql") || args[0].equals("train") ? args[0] : args[0] + " " + args[1];
      if (r.exitCode != 1 || !r.err.trim().equals("marquee " + name + ": no data dir at " + dir)) {
        wrong.add(String.join(" ", args) + " -> " + r);
      }
      assertThat(Files.exists(typo)).as(String.join(" ", args) + " created the dir").isFalse();
    }
    assertThat(wrong).isEmpty();
    assertThat(Files.exists(tmp.resolve("out.csv"))).isFalse();
  }

  @Test
  void helpStillAnswers_withAMissingDataDir() {
    Cli r = Cli.run("sql", "--data-dir", tmp.resolve("typo").toString(), "--help", "SELECT 1");
    assertThat(r.exitCode).isZero();
    assertThat(r.out).contains("--url");
  }
}
