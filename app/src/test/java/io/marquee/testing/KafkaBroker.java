package io.marquee.testing;

import io.marquee.devkafka.DevKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Kafka of the integration tests: the single-node KRaft broker of {@code kafka-dev}, in-process,
 * on free ports and a temp directory (deleted on {@link #close()}). One per test class: it takes a
 * few seconds to start. {@link #stop()} and {@link #restart()} keep the directory and the ports, so a
 * test can take the broker away from its clients and give it back with its data.
 */
public final class KafkaBroker implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final int controllerPort;
  private DevKafka kafka;
  private Admin admin;

  private KafkaBroker(Path dir, int port, int controllerPort) {
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /** Starts a broker on free ports in a new temp directory; returns once it answers an admin client. */
  public static KafkaBroker start() {
    try {
      KafkaBroker broker = new KafkaBroker(Files.createTempDirectory("marquee-kafka"), DevKafka.freePort(),
          DevKafka.freePort());
      broker.restart();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers} and {@code --kafka}. */
  public String bootstrap() {
    return "127.0.0.1:" + port;
  }

  /** The directory of the topics' partition logs (what the plaintext scans read). */
  public Path logDir() {
    return dir.resolve("logs");
  }

  /** Creates a topic of {@code partitions} partitions (replication 1); returns once each has a leader. */
  public void createTopic(String name, int partitions) {
    try {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!led(name, partitions)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("topic " + name + " has partitions without a leader after 30 s");
        }
        Thread.onSpinWait();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topic " + name, e.getCause());
    }
  }

  private boolean led(String name, int partitions) throws InterruptedException {
    try {
      TopicDescription d = admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
      return d.partitions().size() == partitions
          && d.partitions().stream().map(TopicPartitionInfo::leader).allMatch(l -> l != null && !l.isEmpty());
    } catch (ExecutionException e) {
      return false;
    }
  }

  /**
   * Every record of {@code topic} from the beginning of each partition, read until at least
   * {@code atLeast} came or {@code timeout} passed (then what came, which a test compares).
   */
  public List<ConsumerRecord<byte[], byte[]>> read(String topic, int atLeast, Duration timeout) {
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline && (out.size() < atLeast || !caughtUp(consumer, end))) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        if (out.size() >= atLeast) {
          end = consumer.endOffsets(partitions);
        }
      }
    }
    return out;
  }

  private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  /** An admin client of this broker (closed with it). */
  public Admin admin() {
    return admin;
  }

  /** Stops the broker (as an outage does); the directory and ports stay for {@link #restart()}. */
  public synchronized void stop() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
    if (kafka != null) {
      kafka.close();
      kafka = null;
    }
  }

  /** Starts the broker again on the same ports and directory, with what it held; returns once it answers. */
  public synchronized void restart() {
    if (kafka != null) {
      return;
    }
    kafka = DevKafka.start(port, controllerPort, dir);
    Properties p = new Properties();
    p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    admin = Admin.create(p);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        if (!admin.describeCluster().nodes().get().isEmpty()) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the test broker did not answer within 60 s", e.getCause());
        }
      }
    }
  }

  /** Stops the broker and deletes its directory. */
  @Override
  public void close() {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
