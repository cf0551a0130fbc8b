package io.marquee.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.config.Settings;
import io.marquee.privacy.ProfileReader;
import io.marquee.server.Marquee;
import io.marquee.testing.Cli;
import io.marquee.testing.DataFiles;
import io.marquee.vault.MasterKey;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --with-pii} gives its users personal data that the vault seals like real data: none
 * of it is in plaintext under the data dir, and an admin reading the profile with the master key
 * gets it back, with a birthday that makes the profile's age true.
 */
class DemoPersonalDataIT {
  @TempDir Path dir;

  @Test
  void aDemoWithPersonalData_sealsItInTheVault_andTheProfileReadsItBack() throws Exception {
    Path data = dir.resolve("demo");
    Cli run = Cli.run("demo", "--users", "60", "--with-pii", "--no-serve", "--end", "2026-11-01",
        "--data-dir", data.toString());
    assertThat(run.exitCode).as(run.toString()).isZero();
    MasterKey master = MasterKey.load(dir.resolve("demo.master-key"));
    JsonNode personal;
    JsonNode attributes;
    try (Marquee node = Marquee.open(data, Settings.defaults(), "test", master)) {
      JsonNode profile = new ProfileReader(node.store(), node.vault(), new ObjectMapper()).read("u000007", true);
      personal = profile.path("personal");
      attributes = profile.path("attributes");
    }
    String email = personal.path("email").asText();
    assertThat(email).contains("@").containsIgnoringCase("example.com");
    String first = personal.path("firstName").asText().strip();
    assertThat(first).isNotEmpty();
    assertThat(personal.fieldNames()).toIterable().contains("lastName", "phone", "birthday", "street", "postalCode");
    int age = attributes.path("age").path("value").asInt();
    java.time.LocalDate born = java.time.LocalDate.parse(personal.path("birthday").asText());
    java.time.LocalDate identified = java.time.LocalDate.parse(attributes.path("age").path("observed_at").asText()
        .substring(0, 10));
    assertThat(java.time.Period.between(born, identified).getYears()).as("the birthday makes the age true")
        .isEqualTo(age);

    assertThat(DataFiles.containing(data, email.strip(), "@example.com", "@Example.com", "555-01", "7700 900"))
        .as("personal data in plaintext under the data dir").isEmpty();
  }
}
