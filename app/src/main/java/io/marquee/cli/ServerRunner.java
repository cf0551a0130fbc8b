package io.marquee.cli;

import io.marquee.server.HttpServer;
import io.marquee.server.Marquee;
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
}
