package io.marquee.core;

/**
 * Why one message of a batch was not accepted.
 *
 * @param index position of the message in the batch, from 0
 * @param messageId the message's id when it had a readable one, else null
 * @param error a reason a person understands, naming the offending field
 */
public record Rejection(int index, String messageId, String error) {}
