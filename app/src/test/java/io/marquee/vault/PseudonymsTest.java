package io.marquee.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymsTest {
  @TempDir Path dataDir;
  @TempDir Path otherDir;
  private final MasterKey master = MasterKey.generate();

  @Test
  void pseudonym_isStablePerDataDir_acrossReopenAndCase() throws Exception {
    String first;
    try (KeyVault vault = KeyVault.open(dataDir, master)) {
      first = Pseudonyms.userId(vault, "Ada@Example.com");
      assertThat(first).startsWith(Pseudonyms.PREFIX).hasSize(Pseudonyms.PREFIX.length() + 32)
          .doesNotContain("ada").doesNotContain("example");
      assertThat(Pseudonyms.userId(vault, " ada@example.com ")).isEqualTo(first);
    }
    try (KeyVault vault = KeyVault.open(dataDir, master)) {
      assertThat(Pseudonyms.userId(vault, "ada@example.com")).isEqualTo(first);
    }
    try (KeyVault other = KeyVault.open(otherDir, master)) {
      assertThat(Pseudonyms.userId(other, "ada@example.com")).isNotEqualTo(first);
    }
  }

  @Test
  void ordinaryIds_andNoVault_mapToThemselves() throws Exception {
    try (KeyVault vault = KeyVault.open(dataDir, master)) {
      assertThat(Pseudonyms.userId(vault, "user-42")).isEqualTo("user-42");
      assertThat(Pseudonyms.userId(vault, null)).isNull();
    }
    assertThat(Pseudonyms.userId(null, "ada@example.com")).isEqualTo("ada@example.com");
  }
}
