/**
 * A development Kafka broker in-process: {@link io.marquee.devkafka.DevKafka} (single-node KRaft),
 * run by {@code ./marquee dev-kafka} and by the application's integration tests. Never on the
 * application's runtime classpath.
 */
package io.marquee.devkafka;
