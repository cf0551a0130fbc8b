package io.marquee.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code marquee serve} in a child JVM, for tests that kill it or signal it. */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("serving http://[^:]+:(\\d+)");
  public final Process process;
  public final int port;
  private final StringBuffer output = new StringBuffer();

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a server on a free port and returns once it prints that it is serving. */
  public static ServerProcess start(Path dataDir, String writeKey) throws Exception {
    return start(dataDir, writeKey, java.util.Map.of());
  }

  /**
   * As {@link #start(Path, String)} with more environment variables (e.g. the master key) and more
   * arguments to {@code serve} (e.g. {@code --source kafka --kafka HOST:PORT}). A collector takes
   * neither a data dir nor a write key: start it with {@link #serve}.
   */
  public static ServerProcess start(Path dataDir, String writeKey, java.util.Map<String, String> env,
      String... moreArgs) throws Exception {
    List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "--write-key", writeKey));
    args.addAll(List.of(moreArgs));
    return serve(env, args.toArray(String[]::new));
  }

  /**
   * {@code serve} on a free port of 127.0.0.1 with exactly {@code serveArgs} besides (no data dir or
   * write key unless given), e.g. a collector: {@code --sink kafka --kafka HOST:PORT --master-key-file F},
   * which follows the control topic of an owning node.
   */
  public static ServerProcess serve(java.util.Map<String, String> env, String... serveArgs) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Djava.security.egd=file:/dev/./urandom", "-cp", System.getProperty("java.class.path"),
        "io.marquee.cli.Main",
        "serve", "--port", "0", "--host", "127.0.0.1"));
    cmd.addAll(List.of(serveArgs));
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process p = builder.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuffer seen = new StringBuffer();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          seen.append(line).append('\n');
          Matcher m = SERVING.matcher(line);
          if (m.find()) {
            port.complete(Integer.parseInt(m.group(1)));
          }
        }
      } catch (IOException e) {
        // the process is gone
      }
      port.completeExceptionally(new IllegalStateException("server exited before serving:\n" + seen));
    }, "server-output");
    reader.setDaemon(true);
    reader.start();
    ServerProcess sp = new ServerProcess(p, port.get(60, TimeUnit.SECONDS));
    sp.output.append(seen);
    return sp;
  }

  /** SIGKILL: no shutdown code runs. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then waits for the exit code. */
  public int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill9();
    }
  }
}
