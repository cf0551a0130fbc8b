package io.marquee.vault;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Map;

/**
 * The vault's key file {@code DIR/vault/keys}: UTF-8 text, one record a line.
 *
 * <pre>
 * marquee-vault-keys 1
 * master 1a2b3c4d                      the id of the master key that wrapped what follows
 * index BASE64                         the entry-id key, wrapped by the master key
 * k ENTRY_ID BASE64                    one wrapped data key per user
 * </pre>
 *
 * <p>{@code ENTRY_ID} is a keyed hash of the user id (see {@link KeyVault}), never the id itself.
 * New users' lines are appended; erasure and rotation rewrite the file whole. A last line without
 * its newline is an append cut short by a crash (no ciphertext was handed out under it) and is
 * truncated away on read.
 */
final class KeyFile {
  static final String NAME = "keys";
  static final String MAGIC = "marquee-vault-keys 1";
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  /** What a key file holds. */
  record Contents(String masterId, byte[] wrappedIndex) {}

  private KeyFile() {}

  /** Reads the header and puts every entry into {@code entries}. */
  static Contents read(Path file, Map<String, byte[]> entries) throws IOException {
    cutTornTail(file);
    String masterId = null;
    byte[] index = null;
    int n = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        n++;
        if (n == 1) {
          require(line.equals(MAGIC), file, n);
        } else if (n == 2) {
          require(line.startsWith("master "), file, n);
          masterId = line.substring(7);
        } else if (n == 3) {
          require(line.startsWith("index "), file, n);
          index = decode(line.substring(6), file, n);
        } else {
          int sp = line.indexOf(' ', 2);
          require(line.startsWith("k ") && sp > 2, file, n);
          entries.put(line.substring(2, sp), decode(line.substring(sp + 1), file, n));
        }
      }
    }
    require(index != null, file, n + 1);
    return new Contents(masterId, index);
  }

  /** The whole file for a header and entries. */
  static byte[] render(String masterId, byte[] wrappedIndex, Map<String, byte[]> entries) {
    StringBuilder s = new StringBuilder(64 + entries.size() * 90);
    s.append(MAGIC).append('\n');
    s.append("master ").append(masterId).append('\n');
    s.append("index ").append(B64.encodeToString(wrappedIndex)).append('\n');
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      appendEntry(s, e.getKey(), e.getValue());
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  static void appendEntry(StringBuilder s, String entryId, byte[] wrapped) {
    s.append("k ").append(entryId).append(' ').append(B64.encodeToString(wrapped)).append('\n');
  }

  private static void cutTornTail(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      long keep = size;
      ByteBuffer one = ByteBuffer.allocate(1);
      while (keep > 0) {
        one.clear();
        ch.read(one, keep - 1);
        if (one.get(0) == '\n') {
          break;
        }
        keep--;
      }
      if (keep < size) {
        ch.truncate(keep);
        ch.force(true);
      }
    }
  }

  private static byte[] decode(String b64, Path file, int line) {
    try {
      return B64D.decode(b64);
    } catch (IllegalArgumentException e) {
      throw new VaultException("damaged vault key file " + file + " at line " + line);
    }
  }

  private static void require(boolean ok, Path file, int line) {
    if (!ok) {
      throw new VaultException("damaged vault key file " + file + " at line " + line);
    }
  }
}
