/**
 * Marquee on Kafka, the shared part: {@link io.marquee.kafka.KafkaSettings} (the {@code kafka.*}
 * settings, the events topic's wire format, producer, consumer and admin configurations) and
 * {@link io.marquee.kafka.KafkaSink}, through which a collector process writes to the events topic.
 * The consumer node ({@code kafka.source}) and the shared state ({@code kafka.control}) build on it;
 * this package imports neither.
 */
package io.marquee.kafka;
