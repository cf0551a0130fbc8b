package io.marquee.kafka;

import io.marquee.collect.RecordSink;
import io.marquee.config.Settings;
import io.marquee.core.EventRecord;
import io.marquee.core.OverloadedException;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events topic as a {@link RecordSink}: what a collector process ({@code serve --sink kafka})
 * writes to instead of an event log. One idempotent producer with {@code acks=all}; a request's
 * future completes only once Kafka acknowledged every record of it, and fails with {@link
 * OverloadedException} (503, nothing acknowledged) as soon as one record is refused: the broker is
 * unreachable or too slow ({@code kafka.delivery-timeout-ms}), or the producer's buffer stays full
 * for {@code kafka.max-block-ms}. Records of a refused request that did reach Kafka become
 * duplicates when the client retries, which the consumers drop by (source, messageId); an
 * acknowledged record is never lost.
 *
 * <p>Records follow the wire format of {@link KafkaSettings}. The sink knows no duplicates (each
 * flag it answers is false): deduplication is the consumer's.
 *
 * <p>A probe ({@code kafka.probe-interval-ms}) describes the topic, creating it with {@code
 * kafka.topic-partitions} partitions when it is missing, and tells {@link #state()} whether Kafka
 * is reachable; a refused record marks it unreachable at once until the next good probe. While it
 * is unreachable, requests are refused at once (503) instead of waiting out the delivery timeout;
 * once it answers again, within one probe interval, they are taken again.
 */
public final class KafkaSink implements RecordSink, Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);

  private final String bootstrap;
  private final String topic;
  private final int partitions;
  private final Duration probeTimeout;
  private final Duration closeTimeout;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Admin admin;
  private final ScheduledExecutorService probe;
  /** Completes the requests' futures, off the producer's network thread (responses are written there). */
  private final ExecutorService acks;
  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private volatile boolean reachable;
  private volatile String error = "not checked yet";
  private volatile boolean closed;

  private KafkaSink(Settings s, String clientId) {
    this.bootstrap = KafkaSettings.bootstrap(s);
    this.topic = KafkaSettings.topic(s);
    this.partitions = s.intValue("kafka.topic-partitions");
    this.probeTimeout = Duration.ofMillis(s.longValue("kafka.request-timeout-ms"));
    this.closeTimeout = Duration.ofMillis(s.longValue("kafka.delivery-timeout-ms"));
    this.producer = new KafkaProducer<>(KafkaSettings.producer(s, clientId), new ByteArraySerializer(),
        new ByteArraySerializer());
    this.admin = Admin.create(KafkaSettings.admin(s, clientId + "-probe"));
    this.acks = Executors.newFixedThreadPool(2, daemon("kafka-sink-ack"));
    this.probe = Executors.newSingleThreadScheduledExecutor(daemon("kafka-sink-probe"));
  }

  /**
   * Opens the sink on {@code kafka.bootstrap} and {@code kafka.topic}, checking the topic once (a
   * broker down at start is no error: the sink refuses until it is reachable).
   */
  public static KafkaSink open(Settings s, String clientId) {
    KafkaSink sink = new KafkaSink(s, clientId);
    sink.check();
    long every = s.longValue("kafka.probe-interval-ms");
    sink.probe.scheduleWithFixedDelay(sink::check, every, every, TimeUnit.MILLISECONDS);
    return sink;
  }

  @Override
  public CompletableFuture<boolean[]> append(List<byte[]> payloads, long[] keys, String[] viewers) {
    if (closed) {
      throw new OverloadedException("the Kafka sink is closing");
    }
    if (!reachable) {
      // refuse at once rather than buffer records that would time out: the client retries elsewhere
      throw new OverloadedException("Kafka at " + bootstrap + " is unreachable (" + error + ")");
    }
    Request request = new Request(payloads.size());
    for (int i = 0; i < payloads.size() && !request.done.get(); i++) {
      byte[] payload = payloads.get(i);
      long receivedMillis = Math.floorDiv(EventRecord.receivedAtMicros(payload), 1000);
      try {
        producer.send(new ProducerRecord<>(topic, null, receivedMillis, KafkaSettings.recordKey(viewers[i]),
            payload), request);
      } catch (KafkaException | IllegalStateException e) {
        // the producer is closed or broken: what was sent may still arrive, the request is refused
        request.onCompletion(null, e);
      }
    }
    return request.future;
  }

  /** The answer of one request: completes when every record is acknowledged, fails at the first refusal. */
  private final class Request implements Callback {
    final CompletableFuture<boolean[]> future = new CompletableFuture<>();
    final AtomicBoolean done = new AtomicBoolean();
    private final int records;
    private final AtomicInteger left;

    Request(int records) {
      this.records = records;
      this.left = new AtomicInteger(records);
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception e) {
      if (e != null) {
        refused.increment();
        if (done.compareAndSet(false, true)) {
          reachable = false;
          error = e.toString();
          OverloadedException refusal = new OverloadedException("Kafka did not acknowledge the events (" + e + ")");
          acks.execute(() -> future.completeExceptionally(refusal));
        }
        return;
      }
      acknowledged.increment();
      if (left.decrementAndGet() == 0 && done.compareAndSet(false, true)) {
        acks.execute(() -> future.complete(new boolean[records]));
      }
    }
  }

  /** Describes the topic (creating it when missing) and records whether Kafka answered. */
  private void check() {
    try {
      try {
        admin.describeTopics(List.of(topic)).allTopicNames().get(probeTimeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
        create();
      }
      if (!reachable) {
        LOG.info("Kafka at {} is reachable, topic {}", bootstrap, topic);
      }
      reachable = true;
      error = null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      if (reachable || error == null || error.equals("not checked yet")) {
        LOG.warn("Kafka at {} is not reachable: {}", bootstrap, cause.toString());
      }
      reachable = false;
      error = cause.toString();
    }
  }

  private void create() throws InterruptedException, ExecutionException, TimeoutException {
    try {
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all()
          .get(probeTimeout.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("created the events topic {} with {} partitions", topic, partitions);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /** {@code ok} while Kafka answers, {@code unreachable} after a failed probe or a refused record. */
  public String state() {
    return reachable ? "ok" : "unreachable";
  }

  /** Why Kafka is unreachable, or null. */
  public String error() {
    return reachable ? null : error;
  }

  public String bootstrap() {
    return bootstrap;
  }

  public String topic() {
    return topic;
  }

  /** Records Kafka acknowledged since the start. */
  public long acknowledged() {
    return acknowledged.sum();
  }

  /** Records refused (not acknowledged in time, or not taken) since the start. */
  public long refused() {
    return refused.sum();
  }

  /**
   * Stops taking records and waits up to {@code kafka.delivery-timeout-ms} for those sent to be
   * acknowledged or refused, so that every request in flight gets its answer.
   */
  @Override
  public void close() {
    closed = true;
    probe.shutdownNow();
    try {
      producer.close(closeTimeout);
    } finally {
      admin.close(Duration.ofSeconds(1));
      acks.shutdown();
      try {
        acks.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
