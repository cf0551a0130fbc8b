/**
 * The registration seam: {@link io.marquee.capability.Capability} (what a capability contributes:
 * routes and commands) and {@link io.marquee.capability.Services} (the node's services, looked up by
 * type), with the small hooks capabilities share ({@link io.marquee.capability.Stoppable}, {@link
 * io.marquee.capability.Sinks}, {@link io.marquee.capability.Erasures}). Depends on {@code core}
 * alone of ours (plus Javalin's routes and picocli), so every capability package may implement it.
 */
package io.marquee.capability;
