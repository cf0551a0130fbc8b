package io.marquee.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.access.Role;
import io.marquee.config.Settings;
import io.marquee.testing.Cli;
import io.marquee.testing.DataFiles;
import io.marquee.testing.TestNode;
import io.marquee.vault.MasterKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An audience saved through the audiences capability ({@code {"country": "FR"}}), exported through
 * HTTP while the node serves and then through {@code marquee export audience} on the stopped node's
 * data dir. By hand: 110 adults in FR who opted in to marketing, 3 minors in FR who opted in, 5 adults
 * in DE; the audience holds the 113 in FR and an export sends 110.
 */
class AudienceExportEndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void aSavedAudience_exportsOverHttpAndFromTheCommandLine_withTheSameLines() throws Exception {
    Path data = dir.resolve("data");
    Path keyFile = dir.resolve("master.key");
    MasterKey master = MasterKey.generate();
    master.writeTo(keyFile);
    String audience;
    String overHttp;
    try (TestNode node = TestNode.start(data, Settings.defaults(), master)) {
      String marketer = node.node.apiKeys().create(Role.MARKETER, "test");
      List<String> messages = new ArrayList<>();
      for (int i = 0; i < 118; i++) {
        String country = i < 113 ? "FR" : "DE";
        String birthday = i >= 110 && i < 113 ? "2016-01-01" : "1980-02-02";
        messages.add("{\"type\":\"identify\",\"userId\":\"e" + i + "\",\"traits\":{\"email\":\"e2e" + i
            + "@example.org\",\"phone\":\"06 11 22 33 " + String.format("%02d", i % 100) + "\",\"birthday\":\""
            + birthday + "\",\"country\":\"" + country + "\"},"
            + "\"context\":{\"consent\":{\"categoryPreferences\":{\"marketing\":true}}}}");
      }
      HttpResponse<String> sent = node.post("/v1/batch", "{\"batch\":[" + String.join(",", messages) + "]}",
          TestNode.WRITE_KEY);
      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
      node.awaitStore();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(node.url("/v1/audiences")))
          .header("Authorization", "Bearer " + marketer).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"fr\",\"rule\":{\"country\":\"FR\"}}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      audience = JSON.readTree(created.body()).get("id").asText();
      HttpResponse<String> exported = http.send(HttpRequest.newBuilder(URI.create(node.url("/v1/audiences/"
          + audience + "/exports?format=google"))).header("Authorization", "Bearer " + marketer)
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(exported.statusCode()).as(exported.body()).isEqualTo(200);
      assertThat(exported.headers().firstValue("X-Marquee-Export-Members")).hasValue("113");
      assertThat(exported.headers().firstValue("X-Marquee-Export-Left-Out-Minors")).hasValue("3");
      overHttp = exported.body();
      assertThat(overHttp.lines()).hasSize(111);
    }

    Path file = dir.resolve("fr-google.csv");
    Cli r = Cli.run("export", "audience", "--data-dir", data.toString(), "--master-key-file", keyFile.toString(),
        "--id", audience, "--format", "google", file.toString());

    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out).contains("110 lines").contains("110 of 113 members exported as google").contains("3 under 18");
    assertThat(Files.readString(file)).isEqualTo(overHttp);
    assertThat(DataFiles.containing(data, "e2e7@example.org", "06 11 22 33 07", "+33611223307")).isEmpty();
  }
}
