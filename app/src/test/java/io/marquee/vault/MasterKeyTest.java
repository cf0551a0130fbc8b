package io.marquee.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {
  @TempDir Path dir;

  private static final byte[] CONTEXT = "ctx".getBytes(StandardCharsets.UTF_8);

  @Test
  void writeTo_thenLoad_givesAKeyThatUnwrapsWhatTheOriginalWrapped() throws Exception {
    MasterKey key = MasterKey.generate();
    Path file = dir.resolve("master.json");
    key.writeTo(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    MasterKey loaded = MasterKey.load(file);
    assertThat(loaded.id()).isEqualTo(key.id());
    byte[] wrapped = key.wrap(new byte[] {1, 2, 3}, CONTEXT);
    assertThat(loaded.unwrap(wrapped, CONTEXT)).containsExactly(1, 2, 3);
  }

  @Test
  void writeTo_refusesToOverwriteAFile() throws Exception {
    Path file = dir.resolve("master.json");
    MasterKey.generate().writeTo(file);
    assertThatThrownBy(() -> MasterKey.generate().writeTo(file)).isInstanceOf(FileAlreadyExistsException.class);
  }

  @Test
  void load_refusesAFileOthersMayRead() throws Exception {
    Path file = dir.resolve("master.json");
    MasterKey.generate().writeTo(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> MasterKey.load(file)).hasMessageContaining("chmod 600");
  }

  @Test
  void environmentValue_acceptsJsonOrItsBase64() throws Exception {
    MasterKey key = MasterKey.generate();
    Path file = dir.resolve("master.json");
    key.writeTo(file);
    String json = Files.readString(file);
    String b64 = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    assertThat(MasterKey.fromEnvironmentValue(json).id()).isEqualTo(key.id());
    assertThat(MasterKey.fromEnvironmentValue(b64).id()).isEqualTo(key.id());
    assertThat(MasterKey.resolve(null, Map.of(MasterKey.ENV, json)).id()).isEqualTo(key.id());
    assertThat(MasterKey.resolve(file, Map.of(MasterKey.ENV, "garbage")).id()).isEqualTo(key.id());
    assertThatThrownBy(() -> MasterKey.resolve(null, Map.of())).hasMessageContaining(MasterKey.ENV);
  }

  @Test
  void aBrokenKey_isReportedWithoutEchoingIt() {
    String secretish = "{\"primaryKeyId\":1,\"key\":[{\"keyData\":\"SECRETSECRET\"}]}";
    assertThatThrownBy(() -> MasterKey.fromEnvironmentValue(secretish))
        .isInstanceOf(VaultException.class)
        .hasMessageNotContaining("SECRETSECRET")
        .hasNoCause();
  }

  @Test
  void toString_namesTheKeyById_only() throws Exception {
    MasterKey key = MasterKey.generate();
    Path file = dir.resolve("master.json");
    key.writeTo(file);
    String json = Files.readString(file);
    String material = json.replaceAll("(?s).*\"value\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    assertThat(material).isNotBlank().isNotEqualTo(json);
    assertThat(key.toString()).isEqualTo("MasterKey[" + key.id() + "]").doesNotContain(material);
  }

  @Test
  void unwrap_withAnotherKey_fails() {
    byte[] wrapped = MasterKey.generate().wrap(new byte[] {1}, CONTEXT);
    assertThatThrownBy(() -> MasterKey.generate().unwrap(wrapped, CONTEXT)).isInstanceOf(VaultException.class);
  }
}
