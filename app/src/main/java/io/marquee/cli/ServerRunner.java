package io.marquee.cli;

import io.marquee.server.CollectorNode;
import io.marquee.server.CollectorServer;
import io.marquee.server.HttpServer;
import io.marquee.server.Marquee;
import io.marquee.config.Settings;
import io.marquee.vault.MasterKey;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Runs a node's HTTP server until SIGTERM or SIGINT, then shuts down in order: stop accepting,
 * finish requests in flight, sync the log, bring the store up to date, release the data dir.
 */
final class ServerRunner {
  private ServerRunner() {}

  static int serve(Marquee node, String host, int port, PrintWriter out, Runnable onStarted)
      throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), s -> stop.countDown());
    Signal.handle(new Signal("INT"), s -> stop.countDown());
    HttpServer server;
    try {
      server = HttpServer.start(node, host, port);
    } catch (RuntimeException e) {
      // a bad TLS file or a taken port: release the data dir before reporting it
      node.close();
      throw e;
    }
    String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
    out.println("Marquee is serving " + (server.isTls() ? "https" : "http") + "://" + shown + ":" + server.port() + " (data dir "
        + node.dataDir() + ")");
    onStarted.run();
    out.flush();
    stop.await();
    out.println("Stopping: finishing requests in flight, syncing the log and the store...");
    out.flush();
    server.close();
    node.close();
    out.println("Stopped.");
    out.flush();
    return 0;
  }

  /**
   * Runs a collector ({@code serve --sink kafka}) on the control topic of {@code kafka.bootstrap}
   * until SIGTERM or SIGINT, then stops accepting and answers the requests in flight once Kafka has.
   */
  static int serveCollector(Settings settings, MasterKey master, String host, int port, PrintWriter out)
      throws Exception {
    CollectorNode node = CollectorNode.open(settings, master);
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), s -> stop.countDown());
    Signal.handle(new Signal("INT"), s -> stop.countDown());
    CollectorServer server;
    try {
      server = CollectorServer.start(node, host, port);
    } catch (Exception | Error e) {
      node.close();
      throw e;
    }
    String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
    out.println("Marquee collector is serving " + (server.isTls() ? "https" : "http") + "://" + shown + ":"
        + server.port() + " into Kafka " + node.sink().bootstrap() + ", topic " + node.sink().topic()
        + " (Kafka " + node.sink().state() + "; keys, consent and suppressions from the control topic "
        + settings.string("kafka.control.topic") + ")");
    if (master == null) {
      out.println("No master key (--master-key-file or " + MasterKey.ENV + "): messages with personal data "
          + "will be rejected.");
    }
    out.flush();
    stop.await();
    out.println("Stopping: finishing requests in flight until Kafka acknowledged them...");
    out.flush();
    server.close();
    node.close();
    out.println("Stopped.");
    out.flush();
    return 0;
  }
}
