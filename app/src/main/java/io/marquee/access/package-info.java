/**
 * Access control: API keys with roles. Entry points: {@link io.marquee.access.ApiKeys} (create,
 * list, revoke, authenticate; stored hashed), {@link io.marquee.access.Role} (what each role
 * allows), {@link io.marquee.access.AuthorizationHeader} (Bearer and Segment's Basic), {@link
 * io.marquee.access.Authorization} (the key or session check of every route), {@link
 * io.marquee.access.Sessions} (the dashboard's sign-in sessions, in memory) and
 * {@link io.marquee.access.KeysCommand} ({@code marquee keys}, including the vault's master-key
 * commands), contributed with {@link io.marquee.access.MasterKeyApi} by {@link
 * io.marquee.access.AccessCapability}.
 */
package io.marquee.access;
