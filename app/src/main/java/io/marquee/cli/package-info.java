/**
 * The {@code marquee} command line ({@link io.marquee.cli.Main}): thin picocli commands that open a
 * node on a data dir and hand over to the capability packages; the capabilities' own commands
 * come from {@code server.Capabilities}.
 */
package io.marquee.cli;
