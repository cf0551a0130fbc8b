package io.marquee.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.adexport.AdFormat;
import io.marquee.audiences.AudienceMembers;
import io.marquee.audiences.ExportConsent;
import io.marquee.config.Settings;
import io.marquee.server.Capabilities;
import io.marquee.server.HttpServer;
import io.marquee.server.Marquee;
import io.marquee.testing.Cli;
import io.marquee.vault.MasterKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code marquee export audience}: the options it refuses, and the export it writes on a node with a
 * vault whose members come from an in-test {@link AudienceMembers}: 100 adults who opted in and 2
 * minors, so the meta file has 100 lines and says 2 were left out.
 */
class ExportAudienceCommandIT {
  @TempDir Path dir;

  @Test
  void anUnknownFormat_isRefusedNamingTheOption() {
    Cli r = Cli.run("export", "audience", "--data-dir", dir.toString(), "--id", "a", "--format", "tiktok",
        dir.resolve("out.csv").toString());
    assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
    assertThat(r.err).contains("--format").contains("tiktok");
  }

  @Test
  void anAdPlatformFormatWithoutAMasterKey_isRefusedNamingTheOption() {
    Cli r = Cli.run("export", "audience", "--data-dir", dir.toString(), "--id", "a", "--format", "google",
        dir.resolve("out.csv").toString());
    assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
    assertThat(r.err).contains("--master-key-file");
  }

  private static ExportConsent consent(Marquee m) {
    return new ExportConsent(m.consent(), true);
  }

  private static ExportAudienceCommand parse(StringWriter out, String... args) {
    ExportAudienceCommand command = new ExportAudienceCommand();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    cli.parseArgs(args);
    return command;
  }

  @Test
  void anExport_writesTheFileOwnerOnly_saysWhoWasLeftOut_auditsTheCli_andNeverOverwrites() throws Exception {
    Path data = dir.resolve("data");
    List<String> ids = new ArrayList<>();
    try (Marquee m = Marquee.open(data, Settings.defaults(), "export audience IT", MasterKey.generate())) {
      m.writeKeys().add("wk");
      m.services().offer(AudienceMembers.class, id -> Optional.of(new AudienceMembers.Members(id, id, ids,
          Instant.now())));
      try (HttpServer server = HttpServer.start(m, "127.0.0.1", 0,
          Capabilities.all().stream().filter(c -> !c.name().equals("audiences")).toList())) {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 102; i++) {
          String id = String.format("c%03d", i);
          ids.add(id);
          messages.add("{\"type\":\"identify\",\"userId\":\"" + id + "\",\"traits\":{\"email\":\"" + id
              + "@example.com\",\"birthday\":\"" + (i < 100 ? "1985-05-05" : "2014-05-05") + "\",\"country\":\"DE\"},"
              + "\"context\":{\"consent\":{\"categoryPreferences\":{\"marketing\":true}}}}");
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/v1/batch"))
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("wk:".getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString("{\"batch\":[" + String.join(",", messages) + "]}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        m.awaitStore(Duration.ofSeconds(60));
      }
      Path file = dir.resolve("meta.csv");
      StringWriter out = new StringWriter();
      int code = parse(out, "--data-dir", data.toString(), "--id", "a1", "--format", "meta", file.toString())
          .run(m, m.services().get(AudienceMembers.class), consent(m), AdFormat.META);

      assertThat(code).as(out.toString()).isZero();
      assertThat(out.toString()).contains("100 lines").contains("100 of 102 members exported as meta")
          .contains("2 under 18");
      List<String> lines = Files.readAllLines(file);
      assertThat(lines).hasSize(101).first().isEqualTo("EMAIL,PHONE,FN,LN,GEN,DOBY,ZIP,COUNTRY");
      assertThat(Files.readString(file)).doesNotContain("@example.com");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      String audit = Files.readString(data.resolve("audit").resolve("audit.log"));
      assertThat(audit).contains("\"actor\":\"cli\",\"action\":\"export\"");

      StringWriter again = new StringWriter();
      assertThat(parse(again, "--data-dir", data.toString(), "--id", "a1", "--format", "meta", file.toString())
          .run(m, m.services().get(AudienceMembers.class), consent(m), AdFormat.META)).isNotZero();
    } catch (java.io.IOException e) {
      assertThat(e.getMessage()).contains("already exists");
      assertThat(Files.readAllLines(dir.resolve("meta.csv"))).as("the first export is intact").hasSize(101);
      return;
    }
    throw new AssertionError("a second export to the same file was not refused");
  }

  @Test
  void anExportBelow100_isRefusedWithTheReason_andCreatesNoFile() throws Exception {
    Path data = dir.resolve("small");
    try (Marquee m = Marquee.open(data, Settings.defaults(), "export audience IT", MasterKey.generate())) {
      AudienceMembers members = id -> Optional.of(new AudienceMembers.Members(id, id, List.of("x1", "x2"),
          Instant.now()));
      StringWriter out = new StringWriter();
      Path file = dir.resolve("ids.txt");
      int code = parse(out, "--data-dir", data.toString(), "--id", "a1", "--format", "user-ids", file.toString())
          .run(m, members, consent(m), AdFormat.USER_IDS);
      assertThat(code).isEqualTo(1);
      assertThat(out.toString()).contains("refused").contains("would send 2 members");
      assertThat(file).doesNotExist();
    }
  }
}
