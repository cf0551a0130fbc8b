package io.marquee.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault's sharing hooks over an in-memory shared store with first-writer-wins, as the control topic has. */
class SharedVaultTest {
  @TempDir Path dataDir;
  private final MasterKey master = MasterKey.generate();

  /** First offer of an entry wins; every vault that joined learns each winner and each removal. */
  private static class FirstWins implements SharedKeys {
    final Map<String, byte[]> winners = new HashMap<>();
    final List<KeyVault> members = new CopyOnWriteArrayList<>();
    int offers;

    @Override
    public synchronized Map<String, byte[]> publish(String masterId, Map<String, byte[]> wrapped) throws IOException {
      Map<String, byte[]> out = new HashMap<>();
      for (Map.Entry<String, byte[]> e : wrapped.entrySet()) {
        offers++;
        byte[] w = winners.computeIfAbsent(e.getKey(), k -> e.getValue());
        for (KeyVault v : members) {
          v.adopt(e.getKey(), w);
        }
        out.put(e.getKey(), w);
      }
      return out;
    }

    @Override
    public synchronized void remove(Collection<String> entryIds) throws IOException {
      for (String e : entryIds) {
        winners.remove(e);
        for (KeyVault v : members) {
          v.forgetShared(e);
        }
      }
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void twoCollectorsEncryptingANewUserAtOnce_endUpWithOneKey_thatTheOwnerDecrypts() throws Exception {
    FirstWins store = new FirstWins();
    try (KeyVault owner = KeyVault.open(dataDir, master)) {
      owner.share(store);
      store.members.add(owner);
      KeyVault a = KeyVault.shared(master, master.id(), owner.wrappedIndex(), store, 100);
      KeyVault b = KeyVault.shared(master, master.id(), owner.wrappedIndex(), store, 100);
      store.members.add(a);
      store.members.add(b);
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<byte[]> fromA = pool.submit(() -> {
          go.await();
          return a.encrypt("user-1", "email", utf8("ada@example.com"));
        });
        Future<byte[]> fromB = pool.submit(() -> {
          go.await();
          return b.encrypt("user-1", "phone", utf8("+4915112345678"));
        });
        go.countDown();
        byte[] ctA = fromA.get();
        byte[] ctB = fromB.get();
        for (KeyVault v : List.of(owner, a, b)) {
          assertThat(new String(v.decrypt("user-1", "email", ctA), StandardCharsets.UTF_8)).isEqualTo("ada@example.com");
          assertThat(new String(v.decrypt("user-1", "phone", ctB), StandardCharsets.UTF_8)).isEqualTo("+4915112345678");
        }
      } finally {
        pool.shutdownNow();
      }
    }
    try (KeyVault reopened = KeyVault.open(dataDir, master)) {
      assertThat(reopened.size()).isEqualTo(1); // the owner kept the winning key in its file
    }
  }

  @Test
  void aCollectorThatLostTheRace_usesTheWinnersKey() throws Exception {
    FirstWins store = new FirstWins();
    try (KeyVault owner = KeyVault.open(dataDir, master)) {
      KeyVault a = KeyVault.shared(master, master.id(), owner.wrappedIndex(), store, 100);
      KeyVault late = KeyVault.shared(master, master.id(), owner.wrappedIndex(), store, 100);
      store.members.add(a); // `late` has not heard of a's key when it makes its own
      byte[] ctA = a.encrypt("user-1", "email", utf8("ada@example.com"));
      byte[] ctLate = late.encrypt("user-1", "phone", utf8("+4915112345678"));
      assertThat(store.offers).isEqualTo(2);
      assertThat(late.decrypt("user-1", "email", ctA)).isEqualTo(utf8("ada@example.com"));
      assertThat(a.decrypt("user-1", "phone", ctLate)).isEqualTo(utf8("+4915112345678"));
    }
  }

  @Test
  void erasureOnTheOwner_makesTheKeyUnusableOnEveryCollector() throws Exception {
    FirstWins store = new FirstWins();
    try (KeyVault owner = KeyVault.open(dataDir, master)) {
      owner.share(store);
      store.members.add(owner);
      KeyVault a = KeyVault.shared(master, master.id(), owner.wrappedIndex(), store, 100);
      store.members.add(a);
      byte[] ct = a.encrypt("user-1", "email", utf8("ada@example.com"));
      assertThat(a.decrypt("user-1", "email", ct)).isEqualTo(utf8("ada@example.com")); // cached on a
      assertThat(owner.destroy("user-1")).isTrue();
      assertThatThrownBy(() -> a.decrypt("user-1", "email", ct)).isInstanceOf(ErasedException.class);
      assertThatThrownBy(() -> owner.decrypt("user-1", "email", ct)).isInstanceOf(ErasedException.class);
      assertThat(store.winners).isEmpty();
    }
    try (KeyVault reopened = KeyVault.open(dataDir, master)) {
      assertThat(reopened.hasKey("user-1")).isFalse();
    }
  }

  @Test
  void aKeyErasedElsewhere_leavesTheOwnersFile() throws Exception {
    FirstWins store = new FirstWins();
    String entry;
    try (KeyVault owner = KeyVault.open(dataDir, master)) {
      owner.share(store);
      store.members.add(owner);
      owner.encrypt("user-1", "email", utf8("ada@example.com"));
      owner.encrypt("user-2", "email", utf8("bob@example.com"));
      entry = owner.entryIdOf("user-1");
      owner.forgetShared(entry);
      assertThat(owner.hasKey("user-1")).isFalse();
      assertThat(owner.hasKey("user-2")).isTrue();
    }
    try (KeyVault reopened = KeyVault.open(dataDir, master)) {
      assertThat(reopened.wrappedKeys()).doesNotContainKey(entry).hasSize(1);
    }
  }

  @Test
  void adopt_keepsAnEntrysExistingKey_andRefusesWhatTheMasterKeyCannotOpen() throws Exception {
    try (KeyVault owner = KeyVault.open(dataDir, master);
        KeyVault other = KeyVault.open(dataDir.resolve("other"), master)) {
      owner.encrypt("user-1", "email", utf8("x"));
      String entry = owner.entryIdOf("user-1");
      byte[] mine = owner.wrappedKeys().get(entry);
      assertThat(owner.adopt(entry, mine)).isTrue();
      assertThat(owner.adopt(entry, new byte[60])).isFalse();
      assertThat(owner.wrappedKeys().get(entry)).isEqualTo(mine);
      other.encrypt("user-2", "email", utf8("y"));
      byte[] foreign = other.wrappedKeys().values().iterator().next();
      assertThatThrownBy(() -> owner.adopt("another-entry", foreign)).isInstanceOf(VaultException.class);
    }
  }

  @Test
  void sharedVault_refusesAnIndexWrappedByAnotherMasterKey_andRefusesRotation() throws Exception {
    FirstWins store = new FirstWins();
    try (KeyVault owner = KeyVault.open(dataDir, master)) {
      MasterKey other = MasterKey.generate();
      assertThatThrownBy(() -> KeyVault.shared(other, master.id(), owner.wrappedIndex(), store, 10))
          .isInstanceOf(VaultException.class).hasMessageContaining(master.id());
      owner.share(store);
      assertThatThrownBy(() -> owner.rotateMaster(other)).isInstanceOf(VaultException.class)
          .hasMessageContaining("shared");
    }
  }

  @Test
  void noKeyIsMadeForAnErasedUser_andOneErasedWhileItsKeySettles_isWithdrawnEverywhere() throws Exception {
    java.util.Set<String> erased = java.util.concurrent.ConcurrentHashMap.newKeySet();
    FirstWins store = new FirstWins() {
      @Override
      public synchronized Map<String, byte[]> publish(String masterId, Map<String, byte[]> wrapped) throws IOException {
        Map<String, byte[]> out = super.publish(masterId, wrapped);
        erased.add("racer"); // the erasure arrives while the key is being read back
        return out;
      }
    };
    try (KeyVault owner = KeyVault.open(dataDir, master)) {
      KeyVault a = KeyVault.shared(master, master.id(), owner.wrappedIndex(), store, 100);
      a.refuseKeysFor(erased::contains);
      store.members.add(a);
      erased.add("gone");
      assertThatThrownBy(() -> a.encrypt("gone", "email", utf8("x"))).isInstanceOf(ErasedException.class);
      a.ensureKeys(List.of("gone", "kept"));
      assertThat(a.hasKey("gone")).isFalse();
      assertThat(a.hasKey("kept")).isTrue();
      erased.remove("racer");
      assertThatThrownBy(() -> a.encrypt("racer", "email", utf8("x"))).isInstanceOf(ErasedException.class);
      assertThat(a.hasKey("racer")).isFalse();
      assertThat(store.winners).doesNotContainKey(a.entryIdOf("racer")).containsKey(a.entryIdOf("kept"));
    }
  }

  @Test
  void pseudonyms_agreeBetweenTheOwnerAndACollector() throws Exception {
    try (KeyVault owner = KeyVault.open(dataDir, master)) {
      KeyVault a = KeyVault.shared(master, master.id(), owner.wrappedIndex(), new FirstWins(), 10);
      assertThat(a.pseudonym("ada@example.com")).isEqualTo(owner.pseudonym("ada@example.com"));
      List<String> ids = new ArrayList<>(List.of("user-1"));
      assertThat(a.entryIdOf(ids.get(0))).isEqualTo(owner.entryIdOf("user-1"));
    }
  }
}
