package io.marquee.benchmarks;

import io.marquee.vault.KeyVault;
import io.marquee.vault.MasterKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the vault on the collection path: encrypting one personal field (an e-mail) under a user's
 * cached data key, decrypting it, and the baseline of copying the same bytes.
 *
 * <p>Run: {@code bench/jmh.sh VaultBenchmark} (results in docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VaultBenchmark {
  private Path dir;
  private KeyVault vault;
  private byte[] email;
  private byte[] ciphertext;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("vault-bench");
    vault = KeyVault.open(dir, MasterKey.generate());
    email = "\"ada.lovelace@example.org\"".getBytes(StandardCharsets.UTF_8);
    ciphertext = vault.encrypt("user-42", "email", email);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    vault.close();
  }

  @Benchmark
  public byte[] copyBaseline() {
    return email.clone();
  }

  @Benchmark
  public byte[] encryptField() throws IOException {
    return vault.encrypt("user-42", "email", email);
  }

  @Benchmark
  public byte[] decryptField() {
    return vault.decrypt("user-42", "email", ciphertext);
  }
}
