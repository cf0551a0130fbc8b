package io.marquee.kafka.control;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;

/**
 * The control topic ({@code kafka.control.topic}, default {@value #DEFAULT_NAME}): one partition
 * (a total order, and little traffic: keys, consent changes, one record per new user with personal
 * data), compacted, so that it holds the latest record of every key however long it runs.
 *
 * <p>Timings ({@link #CONFIGS}), and what they bound:
 * <ul>
 *   <li>{@code min.compaction.lag.ms} 1 h: no record is compacted away within an hour of being
 *       written, so a data-key winner whose loser came later survives until a reader writes it
 *       again ({@link ControlState#takeRepairs}, within a poll of reading the loser).
 *   <li>{@code segment.ms} 1 h and {@code max.compaction.lag.ms} 6 h: a record that a later one (a
 *       tombstone) replaced is compacted out of the topic's files within about 7 hours (a segment
 *       rolls within one, the cleaner must take it within six more); the broker then deletes the old
 *       segment files ({@code file.delete.delay.ms}, a minute by default).
 *   <li>{@code delete.retention.ms} 1 day: how long a tombstone itself stays for readers behind.
 * </ul>
 */
final class ControlTopic {
  static final String DEFAULT_NAME = "marquee.control";
  static final Map<String, String> CONFIGS = Map.of(
      "cleanup.policy", "compact",
      "min.compaction.lag.ms", Long.toString(3_600_000L),
      "segment.ms", Long.toString(3_600_000L),
      "max.compaction.lag.ms", Long.toString(6 * 3_600_000L),
      "delete.retention.ms", Long.toString(86_400_000L));

  private ControlTopic() {}

  /** Creates the topic if it is missing. */
  static void ensure(String bootstrap, String topic) throws IOException {
    try (Admin admin = Admin.create(ControlLog.adminProperties(bootstrap))) {
      if (!admin.listTopics().names().get().contains(topic)) {
        ControlLog.create(admin, topic);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while creating the control topic", e);
    } catch (ExecutionException | RuntimeException e) {
      Throwable c = e instanceof ExecutionException ? e.getCause() : e;
      throw new IOException("cannot create the control topic " + topic + " at " + bootstrap + ": " + c.getMessage(), c);
    }
  }
}
