package io.marquee.vault;

import com.google.crypto.tink.Aead;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-user data keys and the field encryption that uses them: AES-256-GCM under a random 256-bit
 * key per user, each key stored only wrapped by the {@link MasterKey} in {@code DIR/vault/keys}
 * (format in {@link KeyFile}).
 *
 * <p>Implementation notes.
 *
 * <ul>
 *   <li>Ciphertext ({@link FieldCipher}): AES-GCM, 29 bytes over the plaintext, bound to the
 *       user id and field name: a ciphertext moved to another user or field fails to decrypt.
 *   <li>The key file names users by a keyed hash (HMAC-SHA256 under a random entry-id key that is
 *       itself wrapped by the master key), so it reveals no user id; a wrapped key is bound to its
 *       entry ({@link KeyWrap}).
 *   <li>Keys are made on first {@link #encrypt} (or in bulk by {@link #ensureKeys}) and appended
 *       with an fsync before any ciphertext under them is handed out. {@link #destroy} and
 *       {@link #rotateMaster} rewrite the file through {@link SecureFiles#replace}: no backup, no
 *       second copy. Blocks a file system freed may still hold an old wrapped key until
 *       overwritten; rotating the master key and destroying the old one makes those useless too.
 *   <li>Concurrency: unwrapped keys live in a bounded in-memory {@link DataKeyCache}; encryption
 *       and decryption with a cached key take no lock. The master key and the wrapped keys form
 *       one immutable {@code State}, swapped whole by a rotation, so a cache miss
 *       always unwraps with the master key that wrapped what it reads. Creation, erasure and the
 *       final step of a rotation serialize on one lock; the bulk of a rotation re-wraps a
 *       snapshot without it, so the vault keeps serving. One process owns a vault at a time
 *       (the data dir lock). The cache is keyed by entry id, so a key removed by another node
 *       ({@link #forgetShared}) leaves memory too.
 *   <li>Shared ({@link #share}, {@link #shared}): new keys are first offered through {@link
 *       SharedKeys}, and the key that wins there is the one used and stored; keys other nodes made
 *       arrive by {@link #adopt}, erasures by {@link #forgetShared}. Creation holds the write lock
 *       while it waits for the shared store, which itself adopts under the file lock only, so the
 *       two cannot deadlock. A shared vault does not rotate its master key.
 * </ul>
 */
public final class KeyVault implements Closeable {
  /** Unwrapped data keys kept in memory by default. */
  public static final int DEFAULT_CACHE_CAPACITY = 100_000;
  static final String DIR = "vault";
  private static final byte[] INDEX_CONTEXT = KeyWrap.INDEX_CONTEXT;

  private record State(MasterKey master, byte[] wrappedIndex, ConcurrentHashMap<String, byte[]> wrapped) {}

  private final Path file;
  private final EntryIds entryIds;
  private final Pseudonyms pseudonyms;
  private final DataKeyCache cache;
  private final SecureRandom random = new SecureRandom();
  private final Object writeLock = new Object();
  private final Object rotationLock = new Object();
  /** Guards the key file and {@link #appender}; taken inside {@link #writeLock}, or alone by {@link #adopt}. */
  private final Object fileLock = new Object();
  private volatile State state;
  private volatile SharedKeys shared;
  private volatile java.util.function.Predicate<String> erased = id -> false;
  private volatile boolean closed;
  private FileChannel appender; // guarded by fileLock; null without a file or once closed

  private KeyVault(Path file, EntryIds entryIds, Pseudonyms pseudonyms, State state, int cacheCapacity)
      throws IOException {
    this.file = file;
    this.entryIds = entryIds;
    this.pseudonyms = pseudonyms;
    this.state = state;
    this.cache = new DataKeyCache(cacheCapacity);
    this.appender = file == null ? null : openAppender(file);
  }

  /**
   * A vault without a file, whose keys live in {@code keys} (a collector's): its entry-id key is
   * {@code wrappedIndex}, wrapped by {@code master}, as the owning node shares it.
   *
   * @throws VaultException if the index was wrapped by another master key
   */
  public static KeyVault shared(MasterKey master, String masterId, byte[] wrappedIndex, SharedKeys keys,
      int cacheCapacity) throws IOException {
    if (!master.id().equals(masterId)) {
      throw new VaultException("the shared vault is wrapped by master key " + masterId
          + ", not by the given master key " + master.id());
    }
    byte[] indexKey;
    try {
      indexKey = master.unwrap(wrappedIndex, INDEX_CONTEXT);
    } catch (VaultException e) {
      throw new VaultException("master key " + master.id() + " does not open the shared vault");
    }
    KeyVault v = new KeyVault(null, new EntryIds(indexKey), new Pseudonyms(indexKey),
        new State(master, wrappedIndex.clone(), new ConcurrentHashMap<>()), cacheCapacity);
    Arrays.fill(indexKey, (byte) 0);
    v.shared = java.util.Objects.requireNonNull(keys, "keys");
    return v;
  }

  /**
   * Shares this vault's new keys through {@code keys} from now on (the owning node's vault); the
   * keys it already has are the caller's to publish ({@link #wrappedKeys}).
   */
  public void share(SharedKeys keys) {
    synchronized (writeLock) {
      this.shared = java.util.Objects.requireNonNull(keys, "keys");
    }
  }

  /**
   * Refuses to make keys for users {@code erasedIds} names (the node's suppressions): a shared
   * vault checks before it offers a key and again once the key won, and withdraws a key whose user
   * was erased meanwhile, so an erasure racing a user's first encryption leaves no key behind.
   */
  public void refuseKeysFor(java.util.function.Predicate<String> erasedIds) {
    this.erased = java.util.Objects.requireNonNull(erasedIds, "erasedIds");
  }

  /** The entry-id key as wrapped by the master key (safe to share: useless without the master key). */
  public byte[] wrappedIndex() {
    return state.wrappedIndex().clone();
  }

  /** Every wrapped data key by entry id (wrapped keys only, for publishing them). */
  public Map<String, byte[]> wrappedKeys() {
    return Map.copyOf(state.wrapped());
  }

  /** The entry id a user's key is stored under (a keyed hash, not the id). */
  public String entryIdOf(String userId) {
    requireName(userId, "user id");
    return entryIds.of(userId);
  }

  /**
   * Takes in a wrapped key that won on the shared store; a vault with a file appends it there. An
   * entry that already has a different key keeps it (it may have encrypted data already) and false
   * is returned; true when the key is (now) the entry's.
   */
  public boolean adopt(String entryId, byte[] wrapped) throws IOException {
    synchronized (fileLock) {
      if (closed) {
        return false;
      }
      State s = state;
      byte[] current = s.wrapped().get(entryId);
      if (current != null) {
        return Arrays.equals(current, wrapped);
      }
      KeyWrap.unwrapDataKey(s.master(), entryId, wrapped); // refuse what this master key cannot open
      if (appender != null) {
        StringBuilder line = new StringBuilder();
        KeyFile.appendEntry(line, entryId, wrapped);
        SecureFiles.writeFully(appender, line.toString().getBytes(StandardCharsets.UTF_8));
        appender.force(false);
      }
      s.wrapped().put(entryId, wrapped.clone());
      return true;
    }
  }

  /** Drops a key another node erased: from memory and, for a vault with a file, from the file. */
  public void forgetShared(String entryId) throws IOException {
    synchronized (fileLock) {
      State s = state;
      if (s.wrapped().remove(entryId) != null && appender != null) {
        rewriteFileLocked(s.master().id(), s.wrappedIndex(), s.wrapped());
      }
      cache.remove(entryId);
    }
  }

  /** Opens (or creates) the vault of a data dir with its master key. */
  public static KeyVault open(Path dataDir, MasterKey master) throws IOException {
    return open(dataDir, master, DEFAULT_CACHE_CAPACITY);
  }

  /**
   * Opens (or creates) the vault of a data dir, keeping at most {@code cacheCapacity} unwrapped
   * keys in memory. Fails with a {@link VaultException} naming both key ids if the vault was
   * wrapped by another master key.
   */
  public static KeyVault open(Path dataDir, MasterKey master, int cacheCapacity) throws IOException {
    Path dir = dataDir.resolve(DIR);
    Files.createDirectories(dir);
    Path file = dir.resolve(KeyFile.NAME);
    Files.deleteIfExists(SecureFiles.tempOf(file));
    ConcurrentHashMap<String, byte[]> entries = new ConcurrentHashMap<>();
    byte[] indexKey;
    byte[] wrappedIndex;
    if (Files.exists(file)) {
      KeyFile.Contents c = KeyFile.read(file, entries);
      if (!c.masterId().equals(master.id())) {
        throw new VaultException("the vault in " + dir + " is wrapped by master key "
            + c.masterId() + ", not by the given master key " + master.id());
      }
      wrappedIndex = c.wrappedIndex();
      try {
        indexKey = master.unwrap(wrappedIndex, INDEX_CONTEXT);
      } catch (VaultException e) {
        throw new VaultException("master key " + master.id() + " does not open the vault in " + dir);
      }
    } else {
      indexKey = new byte[KeyWrap.KEY_BYTES];
      new SecureRandom().nextBytes(indexKey);
      wrappedIndex = master.wrap(indexKey, INDEX_CONTEXT);
      SecureFiles.replace(file, KeyFile.render(master.id(), wrappedIndex, Map.of()));
    }
    EntryIds ids = new EntryIds(indexKey);
    Pseudonyms pseudonyms = new Pseudonyms(indexKey);
    Arrays.fill(indexKey, (byte) 0);
    return new KeyVault(file, ids, pseudonyms, new State(master, wrappedIndex, entries), cacheCapacity);
  }

  /**
   * Encrypts one field of one user under that user's data key, making and storing the key first
   * if the user has none (the only case that touches the disk).
   */
  public byte[] encrypt(String userId, String field, byte[] plaintext) throws IOException {
    return FieldCipher.seal(dataKey(userId, true), userId, field, plaintext);
  }

  /** The keyed pseudonym of an e-mail address used as a user id ({@link Pseudonyms}). */
  public String pseudonym(String email) {
    return pseudonyms.of(email);
  }

  /**
   * Decrypts what {@link #encrypt} returned for the same user and field.
   *
   * @throws ErasedException if the user's data key was destroyed
   * @throws VaultException if the ciphertext belongs to another user or field, or was altered
   */
  public byte[] decrypt(String userId, String field, byte[] ciphertext) {
    FieldCipher.checkFormat(ciphertext);
    Aead key;
    try {
      key = dataKey(userId, false);
    } catch (IOException e) {
      throw new IllegalStateException("decryption never writes", e);
    }
    return FieldCipher.open(key, userId, field, ciphertext);
  }

  /**
   * Makes the missing data keys of many users with one append and one fsync; users {@link
   * #refuseKeysFor} names are skipped (their messages are dropped anyway).
   */
  public void ensureKeys(Collection<String> userIds) throws IOException {
    List<String> missing = new ArrayList<>();
    for (String u : toMap(userIds).keySet()) {
      String entry = entryIds.of(u);
      if (cache.get(entry) == null && !state.wrapped().containsKey(entry) && !erased.test(u)) {
        missing.add(u);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    synchronized (writeLock) {
      ensureOpen();
      missing.removeIf(u -> state.wrapped().containsKey(entryIds.of(u)));
      if (!missing.isEmpty()) {
        createLocked(missing);
      }
    }
  }

  /** True if the user has a data key (was given personal data and not erased since). */
  public boolean hasKey(String userId) {
    String entry = entryIds.of(userId);
    return cache.get(entry) != null || state.wrapped().containsKey(entry);
  }

  /**
   * Crypto-shreds a user: removes the wrapped data key from the key file (rewritten atomically)
   * and the unwrapped one from memory; returns false if the user had none. Afterwards every
   * ciphertext of the user fails with {@link ErasedException}; a later {@link #encrypt} for the
   * same id makes a fresh, unrelated key (suppressing the id is the caller's job).
   */
  public boolean destroy(String userId) throws IOException {
    return destroy(List.of(userId)) > 0;
  }

  /** Crypto-shreds many users with one rewrite of the key file; returns how many had a key. */
  public int destroy(Collection<String> userIds) throws IOException {
    synchronized (writeLock) {
      ensureOpen();
      State s = state;
      Map<String, byte[]> removed = new HashMap<>();
      for (String u : userIds) {
        String entry = entryIds.of(u);
        byte[] w = s.wrapped().remove(entry);
        if (w != null) {
          removed.put(entry, w);
        }
      }
      if (!removed.isEmpty() && file != null) {
        try {
          rewriteLocked(s.master().id(), s.wrappedIndex(), s.wrapped());
        } catch (IOException | RuntimeException e) {
          s.wrapped().putAll(removed);
          throw e;
        }
      }
      for (String u : userIds) {
        cache.remove(entryIds.of(u));
      }
      SharedKeys sk = shared;
      if (sk != null) {
        // every named user, not only those with a local key: another node may have made one
        List<String> entries = new ArrayList<>();
        for (String u : userIds) {
          entries.add(entryIds.of(u));
        }
        sk.remove(entries);
      }
      return removed.size();
    }
  }

  /**
   * Re-wraps every data key and the entry-id key under {@code next} and rewrites the key file for
   * it; returns the number of data keys. Encryption and decryption go on meanwhile; new users and
   * erasures wait only for the final rewrite. Afterwards the previous master key no longer opens
   * the vault.
   */
  public int rotateMaster(MasterKey next) throws IOException {
    synchronized (rotationLock) {
      if (shared != null) {
        throw new VaultException("this vault is shared with collectors, which hold the current master key: "
            + "rotating it while shared is not supported; stop the collectors and rotate offline");
      }
      State old = state;
      if (next.id().equals(old.master().id())) {
        throw new VaultException("the new master key has the same id (" + next.id()
            + ") as the current one; generate a new one");
      }
      Map<String, byte[]> rewrapped = new HashMap<>();
      for (Map.Entry<String, byte[]> e : old.wrapped().entrySet()) {
        rewrapped.put(e.getKey(), KeyWrap.rewrap(old.master(), next, e.getKey(), e.getValue()));
      }
      synchronized (writeLock) {
        ensureOpen();
        State current = state;
        for (Map.Entry<String, byte[]> e : current.wrapped().entrySet()) {
          if (!rewrapped.containsKey(e.getKey())) {
            rewrapped.put(e.getKey(), KeyWrap.rewrap(current.master(), next, e.getKey(), e.getValue()));
          }
        }
        rewrapped.keySet().retainAll(current.wrapped().keySet());
        byte[] indexKey = current.master().unwrap(current.wrappedIndex(), INDEX_CONTEXT);
        byte[] wrappedIndex = next.wrap(indexKey, INDEX_CONTEXT);
        Arrays.fill(indexKey, (byte) 0);
        ConcurrentHashMap<String, byte[]> map = new ConcurrentHashMap<>(rewrapped);
        rewriteLocked(next.id(), wrappedIndex, map);
        state = new State(next, wrappedIndex, map);
        return map.size();
      }
    }
  }

  /** The id of the master key that currently wraps the vault. */
  public String masterId() {
    return state.master().id();
  }

  /** How many users have a data key. */
  public int size() {
    return state.wrapped().size();
  }

  @Override
  public void close() throws IOException {
    synchronized (writeLock) {
      synchronized (fileLock) {
        closed = true;
        if (appender != null) {
          appender.close();
          appender = null;
        }
        cache.clear();
      }
    }
  }

  /** The wrapped key bytes of a user as stored, or null; for tests that look for leftovers. */
  byte[] wrappedKeyOf(String userId) {
    return state.wrapped().get(entryIds.of(userId));
  }

  private Aead dataKey(String userId, boolean create) throws IOException {
    requireName(userId, "user id");
    String entry = entryIds.of(userId);
    Aead k = cache.get(entry);
    if (k != null) {
      return k;
    }
    k = cache.load(entry, e -> unwrap(state, e));
    if (k != null) {
      return k;
    }
    synchronized (writeLock) {
      ensureOpen();
      k = cache.load(entry, e -> unwrap(state, e));
      if (k != null) {
        return k;
      }
      if (!create) {
        throw new ErasedException("this user's data key does not exist: the user was erased");
      }
      if (erased.test(userId)) {
        throw new ErasedException("this user was erased: no data key is made for them");
      }
      Aead made = createLocked(List.of(userId)).get(entry);
      if (made == null) {
        throw new ErasedException("this user was erased while their data key was being made");
      }
      return made;
    }
  }

  /** Makes keys for users that have none; returns them by entry id. */
  private Map<String, Aead> createLocked(List<String> userIds) throws IOException {
    State s = state;
    Map<String, byte[]> wrapped = new HashMap<>();
    Map<String, Aead> made = new HashMap<>();
    byte[] raw = new byte[KeyWrap.KEY_BYTES];
    try {
      for (String u : userIds) {
        requireName(u, "user id");
        String entry = entryIds.of(u);
        random.nextBytes(raw);
        byte[] w = s.master().wrap(raw, KeyWrap.dataKeyContext(entry));
        made.put(entry, KeyWrap.aead(raw));
        wrapped.put(entry, w);
      }
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
    SharedKeys sk = shared;
    if (sk != null) {
      Map<String, byte[]> winners = sk.publish(s.master().id(), wrapped);
      for (Map.Entry<String, byte[]> e : wrapped.entrySet()) {
        byte[] w = winners.get(e.getKey());
        if (w == null) {
          throw new IOException("the shared key store did not settle the key of entry " + e.getKey());
        }
        if (!Arrays.equals(w, e.getValue())) {
          made.put(e.getKey(), KeyWrap.unwrapDataKey(s.master(), e.getKey(), w));
          e.setValue(w);
        }
      }
      List<String> late = new ArrayList<>();
      for (String u : userIds) {
        if (erased.test(u)) {
          late.add(entryIds.of(u));
        }
      }
      if (!late.isEmpty()) {
        sk.remove(late); // erased while the key was being settled: withdraw it everywhere
        for (String e : late) {
          made.remove(e);
          wrapped.remove(e);
          forgetShared(e); // here too at once, not only when the tombstone is read back
        }
      }
    }
    synchronized (fileLock) {
      ensureOpen();
      Map<String, byte[]> fresh = new HashMap<>();
      wrapped.forEach((entry, w) -> {
        byte[] adopted = s.wrapped().get(entry);
        if (adopted == null) {
          fresh.put(entry, w);
        }
      });
      if (appender != null && !fresh.isEmpty()) {
        StringBuilder lines = new StringBuilder();
        fresh.forEach((entry, w) -> KeyFile.appendEntry(lines, entry, w));
        long before = appender.size();
        try {
          SecureFiles.writeFully(appender, lines.toString().getBytes(StandardCharsets.UTF_8));
          appender.force(false);
        } catch (IOException e) {
          try {
            appender.truncate(before);
          } catch (IOException suppressed) {
            e.addSuppressed(suppressed);
          }
          throw e;
        }
      }
      s.wrapped().putAll(fresh);
    }
    made.forEach(cache::put);
    return made;
  }

  private void rewriteLocked(String masterId, byte[] wrappedIndex, Map<String, byte[]> entries)
      throws IOException {
    synchronized (fileLock) {
      rewriteFileLocked(masterId, wrappedIndex, entries);
    }
  }

  private void rewriteFileLocked(String masterId, byte[] wrappedIndex, Map<String, byte[]> entries)
      throws IOException {
    byte[] content = KeyFile.render(masterId, wrappedIndex, entries);
    appender.close();
    try {
      SecureFiles.replace(file, content);
    } finally {
      appender = openAppender(file);
    }
  }

  private static Aead unwrap(State s, String entry) {
    byte[] w = s.wrapped().get(entry);
    return w == null ? null : KeyWrap.unwrapDataKey(s.master(), entry, w);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the vault is closed");
    }
  }

  private static FileChannel openAppender(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  private static Map<String, Boolean> toMap(Collection<String> ids) {
    Map<String, Boolean> m = new LinkedHashMap<>();
    for (String id : ids) {
      requireName(id, "user id");
      m.put(id, Boolean.TRUE);
    }
    return m;
  }

  private static void requireName(String s, String what) {
    if (s == null || s.isEmpty()) {
      throw new IllegalArgumentException("a " + what + " must not be empty");
    }
  }
}
