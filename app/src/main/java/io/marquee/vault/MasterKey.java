package io.marquee.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;

/**
 * The key that wraps every per-user data key of a vault: a Tink AEAD keyset (AES-256-GCM when made
 * here), kept outside the data dir.
 *
 * <p>File format: Tink's cleartext JSON keyset ({@code TinkJsonProtoKeysetFormat}), written
 * owner-only (0600); {@link #load} refuses a file that group or others may read. The environment
 * variable {@value #ENV} holds the same JSON, or its Base64. The key material never appears in
 * {@link #toString}, a message or a log line; {@link #id()} (the primary key id) names it instead.
 */
public final class MasterKey {
  /** The environment variable that may hold the master key. */
  public static final String ENV = "MARQUEE_MASTER_KEY";

  private final KeysetHandle keyset;
  private final Aead aead;
  private final String id;

  private MasterKey(KeysetHandle keyset) throws GeneralSecurityException {
    this.keyset = keyset;
    this.aead = keyset.getPrimitive(config(), Aead.class);
    this.id = String.format("%08x", keyset.getPrimary().getId());
  }

  /** A new random AES-256-GCM master key. */
  public static MasterKey generate() {
    try {
      return new MasterKey(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, config()));
    } catch (GeneralSecurityException e) {
      throw new VaultException("cannot generate a master key", e);
    }
  }

  /** Reads a master key file; fails if it is missing, malformed or readable by group or others. */
  public static MasterKey load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no master key file at " + file);
    }
    if (!SecureFiles.isOwnerOnly(file)) {
      throw new IOException("master key file " + file + " is accessible to group or others; "
          + "run chmod 600 " + file);
    }
    return parse(Files.readString(file, StandardCharsets.UTF_8), "file " + file);
  }

  /** Parses the value of {@value #ENV}: a Tink JSON keyset, or its Base64. */
  public static MasterKey fromEnvironmentValue(String value) {
    String v = value == null ? "" : value.strip();
    if (!v.startsWith("{")) {
      try {
        v = new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new VaultException(ENV + " holds neither a JSON keyset nor its Base64");
      }
    }
    return parse(v, ENV);
  }

  /**
   * The master key a command should use: the file if one is given, else {@value #ENV} from the
   * environment; fails naming both when neither is there.
   */
  public static MasterKey resolve(Path fileOrNull, Map<String, String> environment) throws IOException {
    if (fileOrNull != null) {
      return load(fileOrNull);
    }
    String env = environment.get(ENV);
    if (env == null || env.isBlank()) {
      throw new IOException("no master key: pass --master-key-file FILE or set " + ENV);
    }
    return fromEnvironmentValue(env);
  }

  private static MasterKey parse(String json, String source) {
    try {
      return new MasterKey(TinkJsonProtoKeysetFormat.parseKeyset(json, config(), InsecureSecretKeyAccess.get()));
    } catch (GeneralSecurityException | RuntimeException e) {
      // The cause may quote the input, which is key material: do not chain it.
      throw new VaultException("the master key in " + source + " is not a valid Tink AEAD keyset");
    }
  }

  /** Writes this key to a new owner-only file; refuses to overwrite one. */
  public void writeTo(Path file) throws IOException {
    String json;
    try {
      json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, config(), InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new VaultException("cannot serialize the master key", e);
    }
    SecureFiles.createOwnerOnly(file, (json + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** The primary key id in hex; names the key in the vault file and in messages. */
  public String id() {
    return id;
  }

  byte[] wrap(byte[] key, byte[] context) {
    try {
      return aead.encrypt(key, context);
    } catch (GeneralSecurityException e) {
      throw new VaultException("cannot wrap a key with master key " + id, e);
    }
  }

  byte[] unwrap(byte[] wrapped, byte[] context) {
    try {
      return aead.decrypt(wrapped, context);
    } catch (GeneralSecurityException e) {
      throw new VaultException("master key " + id + " does not open this wrapped key");
    }
  }

  /** Tink's registry, with its AEAD key types registered (idempotent). */
  private static Configuration config() throws GeneralSecurityException {
    AeadConfig.register();
    return RegistryConfiguration.get();
  }

  @Override
  public String toString() {
    return "MasterKey[" + id + "]";
  }
}
