package io.marquee.kafka.control;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's connection to the control topic: a producer (idempotent, {@code acks=all}) and a
 * thread that reads every partition from the beginning into a {@link ControlState} and then keeps
 * following it (no consumer group: every node reads everything).
 *
 * <p>{@link #awaitCaughtUp} returns once the records that were on the topic at start are applied;
 * {@link #awaitApplied} once a given record is, which is how a writer reads its partition back
 * ({@link SharedVaultKeys}). After each batch the thread writes again the data-key winners that
 * compaction could otherwise lose ({@link ControlState#takeRepairs}) and runs the {@link #onTick}
 * hooks.
 */
final class ControlLog implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlLog.class);
  /** Longest a fetch waits for new records: the main term of how fast a change reaches a node. */
  static final int FETCH_WAIT_MILLIS = 100;
  private static final Duration POLL = Duration.ofMillis(200);

  private final String topic;
  private final ControlState state;
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<Integer, Long> positions = new HashMap<>(); // guarded by this
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final List<Runnable> onCaughtUp = new CopyOnWriteArrayList<>();
  private final List<Runnable> ticks = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Throwable failure;
  private volatile Map<TopicPartition, Long> startEnd;

  private ControlLog(String bootstrap, String topic, ControlState state, String clientId) {
    this.topic = topic;
    this.state = state;
    Properties p = new Properties();
    p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.setProperty(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-producer");
    p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
    p.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    p.setProperty(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    Properties c = new Properties();
    c.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-consumer");
    c.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    c.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Integer.toString(FETCH_WAIT_MILLIS));
    this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "marquee-control-" + clientId);
    thread.setDaemon(true);
  }

  /**
   * Connects to the control topic (creating it, compacted, if it is missing) and starts following
   * it from the beginning.
   */
  static ControlLog open(String bootstrap, String topic, ControlState state, String clientId) throws IOException {
    ControlTopic.ensure(bootstrap, topic);
    ControlLog log = new ControlLog(bootstrap, topic, state, clientId);
    try {
      List<TopicPartition> parts = log.consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      log.consumer.assign(parts);
      log.consumer.seekToBeginning(parts);
      log.startEnd = log.consumer.endOffsets(parts, Duration.ofSeconds(10));
      log.thread.start();
    } catch (RuntimeException e) {
      log.close();
      throw new IOException("cannot read the control topic " + topic + " at " + bootstrap + ": " + e.getMessage(), e);
    }
    return log;
  }

  /** Runs {@code hook} on the reading thread once the topic's records at start are applied. */
  void onCaughtUp(Runnable hook) {
    onCaughtUp.add(hook);
  }

  /** Runs {@code hook} on the reading thread after every poll, once caught up. */
  void onTick(Runnable hook) {
    ticks.add(hook);
  }

  /** Waits until the records on the topic at start are applied (and the caught-up hooks ran). */
  void awaitCaughtUp(Duration timeout) throws IOException, TimeoutException, InterruptedException {
    if (!caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new TimeoutException("the control topic " + topic + " was not read within " + timeout.toSeconds() + " s");
    }
    checkHealthy();
  }

  /** Waits until the record at {@code offset} of {@code partition} is applied. */
  synchronized void awaitApplied(int partition, long offset, Duration timeout)
      throws IOException, TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (positions.getOrDefault(partition, 0L) <= offset) {
      checkHealthy();
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException("control record " + partition + "/" + offset + " not read back within "
            + timeout.toMillis() + " ms");
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** Sends one record (a null value is a tombstone); the future completes when Kafka acknowledged it. */
  Future<RecordMetadata> send(byte[] key, byte[] value) {
    if (!running) {
      return java.util.concurrent.CompletableFuture.failedFuture(
          new IllegalStateException("the control topic connection is closed"));
    }
    return producer.send(new ProducerRecord<>(topic, key, value), (md, e) -> {
      if (e != null) {
        LOG.warn("control record not written to {}: {}", topic, e.toString());
      }
    });
  }

  /** Sends records and waits until Kafka acknowledged every one. */
  List<RecordMetadata> sendAll(Map<byte[], byte[]> records, Duration timeout) throws IOException {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> r : records.entrySet()) {
      sent.add(send(r.getKey(), r.getValue()));
    }
    return awaitAll(sent, timeout);
  }

  static List<RecordMetadata> awaitAll(List<Future<RecordMetadata>> sent, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<RecordMetadata> out = new ArrayList<>();
    try {
      for (Future<RecordMetadata> f : sent) {
        out.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing to the control topic", e);
    } catch (ExecutionException e) {
      throw new IOException("the control topic did not take a record: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("the control topic did not acknowledge within " + timeout.toMillis() + " ms", e);
    }
    return out;
  }

  private void run() {
    try {
      while (running) {
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
        consumer.poll(POLL).forEach(batch::add);
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          state.apply(r.key(), r.value());
        }
        Map<Integer, Long> now = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
          now.put(tp.partition(), consumer.position(tp));
        }
        synchronized (this) {
          positions.putAll(now);
          notifyAll();
        }
        if (caughtUp.getCount() > 0 && startEnd != null && reached(now, startEnd)) {
          for (Runnable hook : onCaughtUp) {
            hook.run();
          }
          caughtUp.countDown();
        }
        if (caughtUp.getCount() == 0) {
          state.takeRepairs().forEach(this::send);
          for (Runnable tick : ticks) {
            tick.run();
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException | Error e) {
      failure = e;
      LOG.error("the control topic {} is no longer followed: {}", topic, e.toString(), e);
      caughtUp.countDown();
      synchronized (this) {
        notifyAll();
      }
    }
  }

  private static boolean reached(Map<Integer, Long> now, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (now.getOrDefault(e.getKey().partition(), 0L) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void checkHealthy() throws IOException {
    Throwable f = failure;
    if (f != null) {
      throw new IOException("the control topic " + topic + " is no longer followed: " + f, f);
    }
  }

  /** The state this log applies records to. */
  ControlState state() {
    return state;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    if (thread.isAlive() && thread != Thread.currentThread()) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!thread.isAlive()) {
      consumer.close(Duration.ofSeconds(5));
    }
    producer.close(Duration.ofSeconds(5));
  }

  /** Admin settings for one bootstrap address. */
  static Properties adminProperties(String bootstrap) {
    Properties p = new Properties();
    p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
    return p;
  }

  /** The control topic's creation: one partition, compacted, with the timings in {@link ControlTopic}. */
  static void create(Admin admin, String topic) throws InterruptedException, ExecutionException {
    try {
      admin.createTopics(List.of(new NewTopic(topic, java.util.Optional.of(1), java.util.Optional.empty())
          .configs(ControlTopic.CONFIGS))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }
}
