package io.marquee.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The application's runtime classpath (the jars {@code package} copies to {@code target/lib}, which
 * the jar's manifest lists) holds Kafka's client and none of the broker: that stays in {@code
 * kafka-dev}, a test-scope dependency.
 */
class RuntimeClasspathIT {
  @Test
  void packagedLibraries_haveTheKafkaClient_andNoBrokerJar() throws Exception {
    List<String> jars;
    try (Stream<Path> files = Files.list(Path.of("target", "lib"))) {
      jars = files.map(f -> f.getFileName().toString()).sorted().toList();
    }
    assertThat(jars).contains("kafka-clients-4.3.1.jar");
    assertThat(jars).noneMatch(j -> j.startsWith("kafka_2.13") || j.startsWith("kafka-server")
        || j.startsWith("kafka-raft") || j.startsWith("kafka-metadata") || j.startsWith("kafka-storage")
        || j.startsWith("scala-") || j.startsWith("marquee-kafka-dev"));
  }
}
