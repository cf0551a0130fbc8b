package io.marquee.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.access.Role;
import io.marquee.config.Settings;
import io.marquee.testing.Cli;
import io.marquee.testing.TestNode;
import io.marquee.vault.MasterKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Second- and third-party data: matched by hashed e-mail, provenance and expiry, consent-gated export. */
class PartnerDataIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dataDir;
  @TempDir Path files;

  @Test
  void partnerAttributes_landInProfilesWithProvenance_andExportsHonourConsent() throws Exception {
    MasterKey master = MasterKey.generate();
    try (TestNode node = TestNode.start(dataDir, Settings.defaults(), master)) {
      for (String user : List.of("ana", "ben", "cat")) {
        node.post("/v1/identify", "{\"userId\":\"" + user + "\",\"traits\":{\"email\":\"" + user
            + "@Example.org \",\"age\":30}}", TestNode.WRITE_KEY);
      }
      String writer = node.node.apiKeys().create(Role.WRITE, "test");
      var put = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(node.url("/v1/users/ben/consent"))).header("Authorization", "Bearer " + writer)
          .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"data_sharing\":false}")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).isEqualTo(200);
      node.awaitStore();
    }
    Path csv = files.resolve("acme.csv");
    Files.writeString(csv, "email,income_bracket,age\nana@example.org,high,41\nBEN@example.org,low,\n"
        + "nobody@example.org,mid,20\n");
    Cli imported = Cli.run("import", "partner", "--data-dir", dataDir.toString(), "--source", "acme", "--party",
        "third", "--match", "email_sha256", "--ttl", "180d", csv.toString());
    assertThat(imported.exitCode).as(imported.toString()).isZero();
    assertThat(imported.out).contains("3 rows, 2 matched (match rate 66.7%)").contains("line 4: no user matches");

    try (TestNode node = TestNode.start(dataDir, Settings.defaults(), master)) {
      String analyst = node.node.apiKeys().create(Role.ANALYST, "test");
      JsonNode ana = JSON.readTree(node.call("GET", "/v1/profiles/ana", analyst).body());
      assertThat(ana.at("/attributes/income_bracket/value").asText()).isEqualTo("high");
      assertThat(ana.at("/attributes/income_bracket/source").asText()).isEqualTo("third_party:acme");
      assertThat(ana.at("/attributes/income_bracket/expires_at").asText()).isNotEmpty();
      // self-reported age wins over the provider's
      assertThat(ana.at("/attributes/age/value").asInt()).isEqualTo(30);
      assertThat(ana.at("/attributes/age/source").asText()).isEqualTo("self_reported");
    }
    Path out = files.resolve("export.csv");
    Cli exported = Cli.run("export", "partner", "--data-dir", dataDir.toString(), "--to", "acme", "--fields",
        "age_bracket,income_bracket", out.toString());
    assertThat(exported.exitCode).as(exported.toString()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("id_sha256,age_bracket,income_bracket");
    assertThat(lines).hasSize(3); // ana and cat; ben refused data_sharing
    assertThat(String.join("\n", lines)).doesNotContain("ana").doesNotContain("example.org").contains("25-34,high");
    assertThat(exported.out).contains("1 left out for lack of data_sharing consent");
  }
}
