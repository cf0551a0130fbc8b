/**
 * The vault: personal data encrypted at rest under per-user keys, and the rules that keep
 * personal and card data out of everything else. Entry points: {@link io.marquee.vault.KeyVault}
 * (per-user AES-256-GCM data keys, crypto-shredding, master-key rotation),
 * {@link io.marquee.vault.MasterKey} (the Tink keyset that wraps them),
 * {@link io.marquee.vault.PersonalData} (which traits are personal, and splitting them out),
 * {@link io.marquee.vault.CardNumbers} (raw card data that must be rejected) and
 * {@link io.marquee.vault.SecureFiles} (atomic, owner-only writes).
 */
package io.marquee.vault;
