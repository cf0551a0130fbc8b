package io.marquee.vault;

/**
 * A vault operation that failed for a cryptographic or format reason: a wrong master key, an
 * altered ciphertext, a ciphertext presented for another user or field, a damaged key file. The
 * message never contains key material or plaintext.
 */
public class VaultException extends RuntimeException {
  public VaultException(String message) {
    super(message);
  }

  public VaultException(String message, Throwable cause) {
    super(message, cause);
  }
}
