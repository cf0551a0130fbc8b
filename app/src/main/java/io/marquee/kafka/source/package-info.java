/**
 * Nodes fed from the events topic instead of their own log: {@link io.marquee.kafka.source.KafkaSource},
 * the store loader's {@link io.marquee.store.RecordSource} over every partition of the topic, exactly
 * once into the store (offsets in {@code kafka_positions}, committed with the rows), configured by
 * {@link io.marquee.kafka.source.KafkaSourceSettings}. Such a node's own collector produces to the
 * same topic ({@code server.Marquee}), so what it takes reaches its store the way every event does.
 */
package io.marquee.kafka.source;
