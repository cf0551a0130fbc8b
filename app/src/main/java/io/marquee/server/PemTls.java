package io.marquee.server;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTPS from a PEM certificate chain and a PEM private key, as certificate tools (certbot,
 * cert-manager, a private CA) write them, reloaded when either file changes.
 *
 * <p>The key may be PKCS#8 ({@code BEGIN PRIVATE KEY}: RSA, EC or Ed25519) or PKCS#1 RSA ({@code
 * BEGIN RSA PRIVATE KEY}); an encrypted key is refused with a message saying so. The files are
 * checked every second; a changed pair that does not load is logged and the previous one stays in
 * use, so a half-written renewal never takes the server down.
 */
public final class PemTls implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(PemTls.class);
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]+)-----END \\1-----");
  private static final char[] NO_PASSWORD = new char[0];

  private final Path cert;
  private final Path key;
  private final SslContextFactory.Server factory = new SslContextFactory.Server();
  private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tls-reload");
    t.setDaemon(true);
    return t;
  });
  private volatile Object stamp;

  private PemTls(Path cert, Path key) {
    this.cert = cert;
    this.key = key;
  }

  /** Loads the pair (failing with a message naming the file and problem) and starts watching it. */
  public static PemTls load(Path cert, Path key) throws IOException {
    PemTls tls = new PemTls(cert, key);
    tls.stamp = tls.stampNow();
    tls.factory.setKeyStore(keyStore(cert, key));
    tls.factory.setKeyStorePassword("");
    tls.factory.setKeyManagerPassword("");
    tls.watcher.scheduleWithFixedDelay(tls::reloadIfChanged, 1, 1, TimeUnit.SECONDS);
    return tls;
  }

  /** The Jetty SSL context factory serving the current pair. */
  public SslContextFactory.Server factory() {
    return factory;
  }

  private void reloadIfChanged() {
    try {
      Object now = stampNow();
      if (Objects.equals(now, stamp)) {
        return;
      }
      KeyStore ks = keyStore(cert, key);
      factory.reload(f -> f.setKeyStore(ks));
      stamp = now;
      LOG.info("TLS certificate reloaded from {}", cert);
    } catch (Exception e) {
      LOG.warn("TLS certificate not reloaded, the previous one stays in use: {}", e.getMessage());
    }
  }

  private Object stampNow() throws IOException {
    BasicFileAttributes c = Files.readAttributes(cert, BasicFileAttributes.class);
    BasicFileAttributes k = Files.readAttributes(key, BasicFileAttributes.class);
    return List.of(c.lastModifiedTime(), c.size(), String.valueOf(c.fileKey()),
        k.lastModifiedTime(), k.size(), String.valueOf(k.fileKey()));
  }

  /** A key store holding the key under alias {@code server} with its chain, empty password. */
  static KeyStore keyStore(Path certFile, Path keyFile) throws IOException {
    List<Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (Block b : blocks(certFile)) {
        if (b.type.equals("CERTIFICATE")) {
          chain.add(cf.generateCertificate(new ByteArrayInputStream(b.der)));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(certFile + ": not a valid PEM certificate: " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IOException(certFile + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
    }
    PrivateKey privateKey = privateKey(keyFile, chain.get(0).getPublicKey().getAlgorithm());
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("server", privateKey, NO_PASSWORD, chain.toArray(Certificate[]::new));
      return ks;
    } catch (GeneralSecurityException e) {
      throw new IOException(keyFile + " does not go with " + certFile + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path keyFile, String algorithm) throws IOException {
    for (Block b : blocks(keyFile)) {
      byte[] pkcs8 = switch (b.type) {
        case "PRIVATE KEY" -> b.der;
        case "RSA PRIVATE KEY" -> wrapPkcs1Rsa(b.der);
        case "ENCRYPTED PRIVATE KEY" -> throw new IOException(keyFile
            + ": the private key is encrypted; give an unencrypted PKCS#8 key (owner-readable only)");
        default -> null;
      };
      if (pkcs8 == null) {
        continue;
      }
      try {
        return KeyFactory.getInstance(b.type.startsWith("RSA") ? "RSA" : algorithm)
            .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (GeneralSecurityException e) {
        throw new IOException(keyFile + ": not a valid " + algorithm + " private key: " + e.getMessage(), e);
      }
    }
    throw new IOException(keyFile + ": no PEM private key (-----BEGIN PRIVATE KEY----- or "
        + "-----BEGIN RSA PRIVATE KEY-----) in it");
  }

  /** PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo with the rsaEncryption algorithm. */
  private static byte[] wrapPkcs1Rsa(byte[] pkcs1) {
    byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
        0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = der(0x04, pkcs1);
    byte[] body = new byte[version.length + algorithm.length + octets.length];
    System.arraycopy(version, 0, body, 0, version.length);
    System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
    System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
    return der(0x30, body);
  }

  private static byte[] der(int tag, byte[] content) {
    int n = content.length;
    byte[] len = n < 0x80 ? new byte[] {(byte) n}
        : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
        : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
        : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    byte[] out = new byte[1 + len.length + n];
    out[0] = (byte) tag;
    System.arraycopy(len, 0, out, 1, len.length);
    System.arraycopy(content, 0, out, 1 + len.length, n);
    return out;
  }

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      try {
        out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2).strip())));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": a PEM block is not valid Base64", e);
      }
    }
    return out;
  }

  @Override
  public void close() {
    watcher.shutdownNow();
  }
}
