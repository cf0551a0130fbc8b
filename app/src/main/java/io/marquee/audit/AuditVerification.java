package io.marquee.audit;

/**
 * The outcome of checking an audit log's hash chain and head.
 *
 * @param ok true if every entry is intact, in order, chained, and the log ends where its head says
 * @param entries how many whole entries were read
 * @param brokenSeq the sequence number of the first broken entry, or 0 if ok
 * @param reason what is wrong (or, if ok, a note such as an incomplete last line), never null
 * @param headHash the hash of the last entry read (64 zeros for an empty log)
 */
public record AuditVerification(boolean ok, long entries, long brokenSeq, String reason, String headHash) {
  static AuditVerification broken(long entries, long seq, String reason, String headHash) {
    return new AuditVerification(false, entries, seq, reason, headHash);
  }
}
