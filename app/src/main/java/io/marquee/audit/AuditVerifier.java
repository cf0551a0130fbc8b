package io.marquee.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The check behind {@code marquee audit verify}. An entry is broken if it does not parse, if its
 * seq is not one more than the previous entry's (a removed, repeated or reordered entry), if its
 * {@code prev} is not the previous entry's hash, or if its hash does not match its content (a
 * changed entry). At the end the log must reach the entry the {@code head} file records, with that
 * hash, and go at most one entry past it (an append whose head update a crash cut off). An
 * incomplete last line without a newline is such a cut-off append: it is ignored and mentioned.
 */
final class AuditVerifier {
  private AuditVerifier() {}

  static AuditVerification verify(Path log, Path headFile) throws IOException {
    long headSeq = 0;
    String headHash = AuditEntry.GENESIS;
    if (Files.exists(headFile)) {
      String[] h = Files.readString(headFile, StandardCharsets.UTF_8).strip().split(" ");
      if (h.length != 2 || !h[0].matches("\\d{1,18}") || h[1].length() != 64) {
        return AuditVerification.broken(0, 1, "the head file " + headFile + " is damaged", headHash);
      }
      headSeq = Long.parseLong(h[0]);
      headHash = h[1];
    }
    long seq = 0;
    String prev = AuditEntry.GENESIS;
    String hashAtHead = headSeq == 0 ? AuditEntry.GENESIS : null;
    String note = "";
    if (log != null) {
      boolean torn = endsTorn(log);
      try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
        long lineNo = 0;
        String next = r.readLine();
        while (next != null) {
          String line = next;
          next = r.readLine();
          if (next == null && torn) {
            note = "; an incomplete last line (an append cut short) was ignored";
            break;
          }
          lineNo++;
          long expected = seq + 1;
          AuditEntry e;
          try {
            e = AuditEntry.parse(line);
          } catch (IllegalArgumentException ex) {
            return AuditVerification.broken(seq, expected,
                "line " + lineNo + " is not a valid audit entry (" + ex.getMessage() + ")", prev);
          }
          if (e.seq() > expected) {
            return AuditVerification.broken(seq, expected, "entry " + expected
                + (e.seq() > expected + 1 ? " to " + (e.seq() - 1) : "") + " removed: line "
                + lineNo + " holds entry " + e.seq(), prev);
          }
          if (e.seq() < expected) {
            return AuditVerification.broken(seq, e.seq(), "entry " + e.seq()
                + " repeated or out of order at line " + lineNo + " (expected " + expected + ")", prev);
          }
          if (!e.hash().equals(e.computeHash())) {
            return AuditVerification.broken(seq, e.seq(),
                "entry " + e.seq() + " was changed: its hash does not match its content", prev);
          }
          if (!e.prev().equals(prev)) {
            return AuditVerification.broken(seq, e.seq(), "entry " + e.seq()
                + " does not chain to entry " + seq + ": an entry before it was changed, removed or"
                + " replaced", prev);
          }
          seq = e.seq();
          prev = e.hash();
          if (seq == headSeq) {
            hashAtHead = prev;
          }
        }
      } catch (CharacterCodingException e) {
        return AuditVerification.broken(seq, seq + 1,
            "the log is not valid UTF-8 after entry " + seq, prev);
      }
    }
    if (seq < headSeq) {
      return AuditVerification.broken(seq, seq + 1, "the log ends at entry " + seq
          + " but its head records entry " + headSeq + ": entries from " + (seq + 1)
          + " on were removed", prev);
    }
    if (!headHash.equals(hashAtHead)) {
      return AuditVerification.broken(seq, headSeq,
          "entry " + headSeq + " differs from the one the head file records", prev);
    }
    if (seq > headSeq + 1) {
      return AuditVerification.broken(seq, headSeq + 2, "entries " + (headSeq + 1) + " to " + seq
          + " are past the recorded head (written by something other than marquee)", prev);
    }
    return new AuditVerification(true, seq, 0, "intact" + note, prev);
  }

  private static boolean endsTorn(Path log) throws IOException {
    try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
      if (ch.size() == 0) {
        return false;
      }
      ByteBuffer one = ByteBuffer.allocate(1);
      ch.read(one, ch.size() - 1);
      return one.get(0) != '\n';
    }
  }
}
