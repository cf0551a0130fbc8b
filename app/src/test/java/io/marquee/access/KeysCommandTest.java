package io.marquee.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.audit.AuditLog;
import io.marquee.vault.KeyVault;
import io.marquee.vault.MasterKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeysCommandTest {
  @TempDir Path tmp;

  private record Run(int code, String out, String err) {
    String lastLine() {
      List<String> lines = out.lines().toList();
      return lines.get(lines.size() - 1);
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new KeysCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void create_printsTheKeyAloneOnTheLastLine_listShowsIt_revokeEndsIt() throws Exception {
    Path dir = tmp.resolve("data");
    Run created = run("create", "--data-dir", dir.toString(), "--role", "Marketer");
    assertThat(created.code()).isZero();
    String key = created.lastLine();
    assertThat(key).matches("mq_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
    String id = key.substring(3, 15);

    Run listed = run("list", "--data-dir", dir.toString());
    assertThat(listed.out()).contains(id).contains("marketer").contains("active").doesNotContain(key);

    assertThat(run("revoke", "--data-dir", dir.toString(), id).code()).isZero();
    assertThat(run("list", "--data-dir", dir.toString()).out()).contains("revoked");
    Run again = run("revoke", "--data-dir", dir.toString(), id);
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("no active key " + id);
    assertThat(AuditLog.verify(dir).entries()).isEqualTo(2);
  }

  @Test
  void create_withAnUnknownRole_fails() {
    Run r = run("create", "--data-dir", tmp.resolve("d").toString(), "--role", "root");
    assertThat(r.code()).isNotZero();
  }

  @Test
  void initMaster_writesAKeyFile_withoutPrintingTheKey() throws Exception {
    Path file = tmp.resolve("master.json");
    Run r = run("init-master", "--out", file.toString());
    assertThat(r.code()).isZero();
    MasterKey key = MasterKey.load(file);
    assertThat(r.out()).contains(key.id()).doesNotContain("\"value\"");
    assertThat(run("init-master", "--out", file.toString()).code()).isNotZero();
  }

  @Test
  void rotateMaster_rewrapsOffline_andAudits() throws Exception {
    Path dir = tmp.resolve("data");
    Path oldFile = tmp.resolve("old.json");
    Path newFile = tmp.resolve("new.json");
    run("init-master", "--out", oldFile.toString());
    run("init-master", "--out", newFile.toString());
    byte[] ct;
    try (KeyVault vault = KeyVault.open(dir, MasterKey.load(oldFile))) {
      ct = vault.encrypt("u1", "email", "ada@example.com".getBytes(StandardCharsets.UTF_8));
    }
    Run r = run("rotate-master", "--data-dir", dir.toString(), "--master-key-file", oldFile.toString(),
        "--new-master-key-file", newFile.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("re-wrapped 1 data keys");
    try (KeyVault vault = KeyVault.open(dir, MasterKey.load(newFile))) {
      assertThat(new String(vault.decrypt("u1", "email", ct), StandardCharsets.UTF_8)).isEqualTo("ada@example.com");
    }
    assertThat(Files.readString(dir.resolve("audit/audit.log"))).contains("master.rotate");
  }
}
