package io.marquee.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Where Segment messages enter the pipeline: validated, deduplicated by messageId and written to
 * the durable event log, exactly as messages posted to the HTTP API are.
 *
 * <p>Messages are Segment Tracking API objects ({@code type}, {@code userId}/{@code anonymousId},
 * {@code event}, {@code properties}, {@code traits}, {@code context}, {@code messageId},
 * {@code timestamp}).
 */
public interface EventSink {

  /**
   * Validates and durably stores a batch, blocking until every accepted message is fsynced.
   *
   * @throws OverloadedException when the log cannot take more right now; nothing was accepted
   */
  BatchResult submit(List<ObjectNode> messages) throws InterruptedException;
}
