/**
 * The durable event log: {@link io.marquee.log.EventLog} appends checksummed records with group
 * commit and reads them back; everything acknowledged to a client is in here first.
 * {@link io.marquee.log.LogRepair} checks and repairs segments offline, behind the {@code marquee log
 * check} and {@code marquee log repair} commands ({@link io.marquee.log.LogCommand}).
 */
package io.marquee.log;
