package io.marquee.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.config.Settings;
import io.marquee.testing.TestNode;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files: a real TLS client, HSTS, and a certificate renewed under a running server. */
class TlsIT {
  @TempDir Path dir;

  /** A self-signed certificate for 127.0.0.1 and localhost, written as PEM chain + PKCS#8 key. */
  private static X509Certificate writePair(Path cert, Path key, long serial) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048, new SecureRandom());
    KeyPair pair = g.generateKeyPair();
    X500Name name = new X500Name("CN=marquee-test-" + serial);
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serial),
        Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plus(Duration.ofDays(1))), name,
        pair.getPublic());
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
    X509Certificate c = new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    // written beside and moved into place, as certificate tools renew
    Path certTmp = cert.resolveSibling(cert.getFileName() + ".tmp");
    Path keyTmp = key.resolveSibling(key.getFileName() + ".tmp");
    Files.writeString(certTmp, pem("CERTIFICATE", c.getEncoded()), StandardCharsets.US_ASCII);
    Files.writeString(keyTmp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
    Files.move(keyTmp, key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.move(certTmp, cert, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return c;
  }

  private static String pem(String type, byte[] der) {
    StringWriter w = new StringWriter();
    w.write("-----BEGIN " + type + "-----\n");
    w.write(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der));
    w.write("\n-----END " + type + "-----\n");
    return w.toString();
  }

  private static HttpClient trusting(List<X509Certificate> certs) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (int i = 0; i < certs.size(); i++) {
      trust.setCertificateEntry("c" + i, certs.get(i));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), new SecureRandom());
    return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
  }

  @Test
  void aDashboardSignInOverTls_getsASecureSessionCookie() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    X509Certificate c = writePair(cert, key, 7);
    Settings s = Settings.defaults().with(java.util.Map.of("server.tls-cert", cert.toString(),
        "server.tls-key", key.toString()));
    try (TestNode node = TestNode.start(dir.resolve("data"), s)) {
      String apiKey = node.node.apiKeys().create(io.marquee.access.Role.ANALYST, "test");
      HttpResponse<String> r = trusting(List.of(c)).send(HttpRequest.newBuilder(
          URI.create("https://127.0.0.1:" + node.server.port() + "/v1/session"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"api_key\":\"" + apiKey + "\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Set-Cookie").orElseThrow())
          .matches("marquee_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict; Secure");
    }
  }

  @Test
  void tlsServer_answersARealTlsClient_withHsts_andPicksUpARenewedCertificate() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    X509Certificate first = writePair(cert, key, 1);
    Settings s = Settings.defaults().with(java.util.Map.of("server.tls-cert", cert.toString(),
        "server.tls-key", key.toString()));
    try (TestNode node = TestNode.start(dir.resolve("data"), s)) {
      assertThat(node.server.isTls()).isTrue();
      String base = "https://127.0.0.1:" + node.server.port();
      HttpResponse<String> health = trusting(List.of(first)).send(
          HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");

      HttpResponse<String> batch = trusting(List.of(first)).send(HttpRequest.newBuilder(URI.create(base + "/v1/batch"))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              (TestNode.WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8)))
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"batch\":[{\"type\":\"track\",\"event\":\"x\",\"userId\":\"t\",\"messageId\":\"tls-1\"}]}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);

      X509Certificate second = writePair(cert, key, 2);
      HttpClient both = null;
      BigInteger served = BigInteger.ONE;
      long deadline = System.nanoTime() + 15_000_000_000L;
      while (System.nanoTime() < deadline && !served.equals(BigInteger.TWO)) {
        both = trusting(List.of(first, second));
        HttpResponse<String> r = both.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        served = ((X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
      }
      assertThat(served).as("the renewed certificate is served").isEqualTo(BigInteger.TWO);
    }
  }

  @Test
  void plainHttpBeyondLoopback_isWarnedAbout_loopbackAndTlsAreNot() {
    assertThat(Transport.warnIfExposed("0.0.0.0", false)).isTrue();
    assertThat(Transport.warnIfExposed("127.0.0.1", false)).isFalse();
    assertThat(Transport.warnIfExposed("0.0.0.0", true)).isFalse();
  }

  @Test
  void aKeyThatIsNotPem_isRefusedNamingTheFile() throws Exception {
    Path cert = dir.resolve("c.pem");
    Path key = dir.resolve("k.pem");
    writePair(cert, key, 3);
    Files.writeString(key, "not a key");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PemTls.keyStore(cert, key))
        .hasMessageContaining(key.toString()).hasMessageContaining("no PEM private key");
  }
}
