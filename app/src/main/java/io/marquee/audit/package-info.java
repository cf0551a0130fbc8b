/**
 * The audit log: an append-only, hash-chained record of every read of personal data, export,
 * erasure and key change. Entry points: {@link io.marquee.audit.AuditLog} (append, verify,
 * subject hashing), {@link io.marquee.audit.AuditEntry} (the line format),
 * {@link io.marquee.audit.AuditCommand} ({@code marquee audit verify}).
 */
package io.marquee.audit;
