/**
 * The durable event log: {@link io.marquee.log.EventLog} appends checksummed records with group
 * commit and reads them back; everything acknowledged to a client is in here first.
 */
package io.marquee.log;
