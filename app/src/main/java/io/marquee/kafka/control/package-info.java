/**
 * What every collector shares, on one compacted Kafka topic (the control topic): API and write keys
 * (as digests), consent choices, suppressions of erased users and the vault's data keys (wrapped by
 * the master key). The owning node publishes through {@link io.marquee.kafka.control.ControlCapability};
 * a collector without a data dir joins with {@link io.marquee.kafka.control.CollectorState#join}. The
 * wire format is in {@code ControlRecords}, the state machine every reader runs in {@code ControlState};
 * the choice of a compacted topic and its bounds are in docs/deploy.md.
 */
package io.marquee.kafka.control;
