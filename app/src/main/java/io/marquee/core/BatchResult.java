package io.marquee.core;

import java.util.List;

/**
 * The outcome of one batch handed to the pipeline. Accepted messages are durable (fsynced in the
 * event log) by the time a result exists; duplicates of earlier messages count as accepted.
 *
 * @param accepted messages now durable, duplicates included
 * @param duplicates how many of the accepted were repeats of a messageId already stored
 * @param rejected the messages refused, each with its reason
 */
public record BatchResult(int accepted, int duplicates, List<Rejection> rejected) {

  public BatchResult {
    rejected = List.copyOf(rejected);
  }
}
