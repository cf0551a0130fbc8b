package io.marquee.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyVaultTest {
  @TempDir Path dataDir;
  private final MasterKey master = MasterKey.generate();

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void encrypt_thenDecrypt_returnsThePlaintext() throws Exception {
    try (KeyVault vault = KeyVault.open(dataDir, master)) {
      byte[] ct = vault.encrypt("user-1", "email", utf8("ada@example.com"));
      assertThat(text(vault.decrypt("user-1", "email", ct))).isEqualTo("ada@example.com");
      assertThat(ct.length).isEqualTo("ada@example.com".length() + 29);
      assertThat(vault.encrypt("user-1", "email", utf8("ada@example.com"))).isNotEqualTo(ct);
    }
  }

  @Test
  void decrypt_forAnotherUserOrField_fails() throws Exception {
    try (KeyVault vault = KeyVault.open(dataDir, master)) {
      byte[] ct = vault.encrypt("user-1", "email", utf8("ada@example.com"));
      vault.encrypt("user-2", "email", utf8("bob@example.com"));
      assertThatThrownBy(() -> vault.decrypt("user-2", "email", ct))
          .isInstanceOf(VaultException.class).isNotInstanceOf(ErasedException.class);
      assertThatThrownBy(() -> vault.decrypt("user-1", "phone", ct))
          .isInstanceOf(VaultException.class).hasMessageContaining("does not belong");
    }
  }

  @Test
  void associatedData_isUnambiguousAcrossUserAndFieldBoundaries() {
    assertThat(FieldCipher.associatedData("ab", "c")).isNotEqualTo(FieldCipher.associatedData("a", "bc"));
  }

  @Test
  void decrypt_ofAlteredCiphertext_fails() throws Exception {
    try (KeyVault vault = KeyVault.open(dataDir, master)) {
      byte[] ct = vault.encrypt("user-1", "email", utf8("ada@example.com"));
      ct[ct.length - 1] ^= 1;
      assertThatThrownBy(() -> vault.decrypt("user-1", "email", ct)).isInstanceOf(VaultException.class);
      assertThatThrownBy(() -> vault.decrypt("user-1", "email", new byte[] {1, 2, 3}))
          .hasMessageContaining("not a vault ciphertext");
    }
  }

  @Test
  void keys_surviveReopening() throws Exception {
    byte[] ct;
    try (KeyVault vault = KeyVault.open(dataDir, master)) {
      ct = vault.encrypt("user-1", "phone", utf8("+15555550100"));
    }
    try (KeyVault vault = KeyVault.open(dataDir, master)) {
      assertThat(text(vault.decrypt("user-1", "phone", ct))).isEqualTo("+15555550100");
      assertThat(vault.size()).isEqualTo(1);
    }
  }

  @Test
  void destroy_makesDecryptFail_andLeavesNoWrappedKeyBytesBehind() throws Exception {
    byte[] ct;
    byte[] wrapped;
    try (KeyVault vault = KeyVault.open(dataDir, master)) {
      ct = vault.encrypt("user-1", "email", utf8("ada@example.com"));
      vault.encrypt("user-2", "email", utf8("bob@example.com"));
      wrapped = vault.wrappedKeyOf("user-1");
      assertThat(vault.destroy("user-1")).isTrue();
      assertThatThrownBy(() -> vault.decrypt("user-1", "email", ct)).isInstanceOf(ErasedException.class);
      assertThat(vault.hasKey("user-1")).isFalse();
      assertThat(vault.destroy("user-1")).isFalse();
    }
    assertThat(wrapped).isNotNull();
    assertThat(filesUnder(dataDir)).extracting(p -> p.getFileName().toString()).containsExactly("keys");
    assertThat(anyFileContains(dataDir, wrapped)).isFalse();
    assertThat(anyFileContains(dataDir, utf8(Base64.getEncoder().encodeToString(wrapped)))).isFalse();
    try (KeyVault vault = KeyVault.open(dataDir, master)) {
      assertThatThrownBy(() -> vault.decrypt("user-1", "email", ct)).isInstanceOf(ErasedException.class);
      assertThat(vault.hasKey("user-2")).isTrue();
    }
  }

  @Test
  void rotateMaster_keepsDataReadable_andTheOldMasterNoLongerOpensTheVault() throws Exception {
    MasterKey next = MasterKey.generate();
    byte[] ct;
    try (KeyVault vault = KeyVault.open(dataDir, master)) {
      ct = vault.encrypt("user-1", "email", utf8("ada@example.com"));
      vault.encrypt("user-2", "email", utf8("bob@example.com"));
      assertThat(vault.rotateMaster(next)).isEqualTo(2);
      assertThat(vault.masterId()).isEqualTo(next.id());
      assertThat(text(vault.decrypt("user-1", "email", ct))).isEqualTo("ada@example.com");
      vault.encrypt("user-3", "email", utf8("cy@example.com"));
    }
    assertThatThrownBy(() -> KeyVault.open(dataDir, master))
        .isInstanceOf(VaultException.class).hasMessageContaining(master.id());
    try (KeyVault vault = KeyVault.open(dataDir, next, 1)) {
      assertThat(text(vault.decrypt("user-1", "email", ct))).isEqualTo("ada@example.com");
      assertThat(vault.size()).isEqualTo(3);
    }
  }

  @Test
  void rotateMaster_whileOthersEncryptAndDecrypt_losesNothing() throws Exception {
    MasterKey next = MasterKey.generate();
    try (KeyVault vault = KeyVault.open(dataDir, master, 8)) {
      List<byte[]> cts = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        cts.add(vault.encrypt("user-" + i, "email", utf8("u" + i + "@example.com")));
      }
      ExecutorService pool = Executors.newFixedThreadPool(3);
      CountDownLatch started = new CountDownLatch(2);
      try {
        List<Future<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
          int offset = w;
          workers.add(pool.submit(() -> {
            started.countDown();
            int checked = 0;
            for (int round = 0; round < 2; round++) {
              for (int i = offset; i < 200; i += 2) {
                assertThat(text(vault.decrypt("user-" + i, "email", cts.get(i))))
                    .isEqualTo("u" + i + "@example.com");
                vault.encrypt("new-" + offset + "-" + round + "-" + i, "email", utf8("x"));
                checked++;
              }
            }
            return checked;
          }));
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        vault.rotateMaster(next);
        for (Future<Integer> f : workers) {
          assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(200);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(vault.size()).isEqualTo(200 + 2 * 2 * 100);
    }
    try (KeyVault reopened = KeyVault.open(dataDir, next, 8)) {
      assertThat(reopened.size()).isEqualTo(600);
      assertThat(reopened.hasKey("new-1-1-199")).isTrue();
    }
  }

  @Test
  void vaultDir_holdsNoPlaintextUserIdsOrValues() throws Exception {
    List<String> secrets = List.of("ada@example.com", "Lovelace", "+15555550100", "1815-12-10");
    try (KeyVault vault = KeyVault.open(dataDir, master)) {
      for (int i = 0; i < 20; i++) {
        for (String s : secrets) {
          vault.encrypt("customer-" + i + "@mail.test", "f" + s.length(), utf8(s));
        }
      }
      vault.destroy("customer-3@mail.test");
      vault.rotateMaster(MasterKey.generate());
    }
    for (String s : secrets) {
      assertThat(anyFileContains(dataDir, utf8(s))).as(s).isFalse();
    }
    assertThat(anyFileContains(dataDir, utf8("customer-"))).isFalse();
    assertThat(anyFileContains(dataDir, utf8("mail.test"))).isFalse();
  }

  @Test
  void open_cutsAnAppendTornByACrash() throws Exception {
    byte[] ct;
    try (KeyVault vault = KeyVault.open(dataDir, master)) {
      ct = vault.encrypt("user-1", "email", utf8("ada@example.com"));
    }
    Path keys = dataDir.resolve("vault/keys");
    Files.write(keys, utf8("k abc AAA"), StandardOpenOption.APPEND);
    try (KeyVault vault = KeyVault.open(dataDir, master)) {
      assertThat(text(vault.decrypt("user-1", "email", ct))).isEqualTo("ada@example.com");
      vault.encrypt("user-2", "email", utf8("bob@example.com"));
    }
    try (KeyVault vault = KeyVault.open(dataDir, master)) {
      assertThat(vault.size()).isEqualTo(2);
    }
  }

  @Test
  void ensureKeys_makesMissingKeysInOneAppend() throws Exception {
    try (KeyVault vault = KeyVault.open(dataDir, master)) {
      vault.encrypt("a", "email", utf8("a@x.test"));
      vault.ensureKeys(List.of("a", "b", "c", "b"));
      assertThat(vault.size()).isEqualTo(3);
      assertThat(Files.readAllLines(dataDir.resolve("vault/keys"))).hasSize(3 + 3);
    }
  }

  @Test
  void rotateMaster_toTheSameKey_isRefused() throws Exception {
    try (KeyVault vault = KeyVault.open(dataDir, master)) {
      assertThatThrownBy(() -> vault.rotateMaster(master)).hasMessageContaining("same id");
    }
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  static boolean anyFileContains(Path dir, byte[] needle) throws IOException {
    for (Path p : filesUnder(dir)) {
      byte[] hay = Files.readAllBytes(p);
      outer:
      for (int i = 0; i + needle.length <= hay.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (hay[i + j] != needle[j]) {
            continue outer;
          }
        }
        return true;
      }
    }
    return false;
  }
}
