package io.marquee.log;

/**
 * One record read back from the event log.
 *
 * @param position global log position of the record's first byte
 * @param next global position just past the record, where the next one starts
 * @param payload the bytes that were appended
 */
public record LogRecord(long position, long next, byte[] payload) {}
