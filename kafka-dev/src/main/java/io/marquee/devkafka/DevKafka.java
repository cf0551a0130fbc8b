package io.marquee.devkafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka (KRaft broker and controller in one process) for trying the scale-out on a
 * laptop and for tests: listens on 127.0.0.1, keeps its log under one directory, and starts again
 * on that directory with what it held.
 *
 * <p>Replication factors and minimum in-sync replicas of the internal topics (consumer offsets,
 * transaction state, share-group state) are 1, so producers with {@code acks=all} and transactions
 * work on one node. Not for production: no security, one copy of everything.
 *
 * <p>Command line: {@code DevKafka --port 9092 --dir DIR [--controller-port P]}; the controller
 * port defaults to the broker port + 1.
 */
public final class DevKafka implements AutoCloseable {
  private final int port;
  private final int controllerPort;
  private final Path dir;
  private final KafkaRaftServer server;
  private boolean closed;

  private DevKafka(int port, int controllerPort, Path dir, KafkaRaftServer server) {
    this.port = port;
    this.controllerPort = controllerPort;
    this.dir = dir;
    this.server = server;
  }

  /**
   * Starts a broker on {@code port} (its controller on {@code controllerPort}) with its data in
   * {@code dir}, formatting the directory first when it is new; returns once the server started.
   */
  public static DevKafka start(int port, int controllerPort, Path dir) {
    try {
      Files.createDirectories(dir);
      Properties props = config(port, controllerPort, dir);
      format(dir);
      KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      return new DevKafka(port, controllerPort, dir, server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A port free on 127.0.0.1 just now (for tests, which cannot ask the broker for port 0's choice). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The address clients connect to, {@code 127.0.0.1:PORT}. */
  public String bootstrap() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  public Path dir() {
    return dir;
  }

  /** The directory that holds the topics' partitions (one sub-directory per partition). */
  public Path logDir() {
    return dir.resolve("logs");
  }

  /** Stops the broker and controller, flushing the log; the directory stays for a restart. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      server.shutdown();
      server.awaitShutdown();
    }
  }

  static Properties config(int port, int controllerPort, Path dir) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", dir.resolve("logs").toString());
    p.setProperty("metadata.log.dir", dir.resolve("metadata").toString());
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "4");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "4");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("min.insync.replicas", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("num.partitions", "1");
    return p;
  }

  /** Formats the log and metadata directories unless they already are (a restart keeps its data). */
  private static void format(Path dir) {
    Path logs = dir.resolve("logs").resolve("meta.properties");
    Path metadata = dir.resolve("metadata").resolve("meta.properties");
    if (Files.exists(logs) && Files.exists(metadata)) {
      return;
    }
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setClusterId(clusterId(Files.exists(logs) ? logs : metadata))
          .setNodeId(1)
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(dir.resolve("metadata").toString())
          .setDirectories(List.of(dir.resolve("logs").toString(), dir.resolve("metadata").toString()))
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setIgnoreFormatted(true)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format the Kafka directory " + dir, e);
    }
  }

  /** The cluster id a half-formatted directory already has (a crash during formatting), else a new one. */
  private static String clusterId(Path metaProperties) throws IOException {
    if (Files.exists(metaProperties)) {
      Properties p = new Properties();
      try (var in = Files.newInputStream(metaProperties)) {
        p.load(in);
      }
      String id = p.getProperty("cluster.id");
      if (id != null) {
        return id;
      }
    }
    return Uuid.randomUuid().toString();
  }

  /** Runs a broker until the process is stopped: {@code --port 9092 --dir DIR [--controller-port P]}. */
  public static void main(String[] args) throws InterruptedException {
    int port = 9092;
    int controllerPort = -1;
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(required("--port", value));
        case "--controller-port" -> controllerPort = Integer.parseInt(required("--controller-port", value));
        case "--dir" -> dir = Path.of(required("--dir", value));
        case "-h", "--help" -> {
          System.out.println("usage: marquee dev-kafka [--port 9092] --dir DIR [--controller-port PORT+1]");
          return;
        }
        default -> {
          System.err.println("dev-kafka: unknown option " + args[i]);
          System.exit(2);
        }
      }
      i++;
    }
    if (dir == null) {
      System.err.println("dev-kafka: --dir DIR is required (the broker's data)");
      System.exit(2);
    }
    DevKafka kafka = start(port, controllerPort > 0 ? controllerPort : port + 1, dir);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      kafka.close();
      stopped.countDown();
    }, "dev-kafka-shutdown"));
    System.out.println("dev-kafka: listening on " + kafka.bootstrap() + ", data in " + dir.toAbsolutePath());
    stopped.await();
  }

  private static String required(String option, String value) {
    if (value == null) {
      System.err.println("dev-kafka: " + option + " needs a value");
      System.exit(2);
    }
    return value;
  }
}
