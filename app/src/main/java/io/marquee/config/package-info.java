/**
 * Configuration: {@link io.marquee.config.Settings} reads {@code marquee-reference.properties}
 * (every key, its default and a comment), an optional file, and command-line overrides.
 */
package io.marquee.config;
