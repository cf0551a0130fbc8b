package io.marquee.vault;

/**
 * Decryption for a user whose data key is gone: the user was erased (crypto-shredded), so what
 * was encrypted for them can never be read again.
 */
public final class ErasedException extends VaultException {
  public ErasedException(String message) {
    super(message);
  }
}
