package io.marquee.cli;

import io.marquee.config.DataDirLock;
import io.marquee.server.Marquee;
import io.marquee.store.Store;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code marquee sql}: one read-only query over the store, as CSV with a header on stdout. Recovers
 * first (a data dir left by a killed server is brought up to date from its log); refuses writes and
 * refuses to run while a server owns the data dir. The query reaches this database only ({@link
 * Store#openForQueries}): no files, other databases, extensions or settings.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run a read-only SQL query over the store; CSV with a header on stdout.")
final class SqlCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query, e.g. \"SELECT count(*) FROM events\".")
  String query;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (DataDirLock lock = DataDirLock.acquire(node.dataDir, "marquee sql")) {
      Marquee.recoverStore(node.dataDir, node.settings());
      try (Store store = Store.openForQueries(node.dataDir.resolve("store"));
          Connection c = store.readConnection();
          Statement s = c.createStatement()) {
        if (!s.execute(query)) {
          err.println("sql: the statement returned no rows");
          return 1;
        }
        try (ResultSet r = s.getResultSet()) {
          writeCsv(r, out);
        }
      } catch (SQLException e) {
        String msg = e.getMessage();
        if (msg != null && (msg.contains("disabled by configuration") || msg.contains("configuration has been locked")
            || msg.contains("Permission Error"))) {
          err.println("sql: only queries over the store are allowed: files, other databases, extensions and "
              + "settings are out of reach (" + firstLine(msg) + ")");
        } else if (msg != null && msg.contains("read-only")) {
          err.println("sql: the store is opened read-only here; statements that write are refused ("
              + firstLine(msg) + ")");
        } else {
          err.println("sql: " + firstLine(msg));
        }
        return 1;
      }
    }
    out.flush();
    return 0;
  }

  static void writeCsv(ResultSet r, PrintWriter out) throws SQLException {
    ResultSetMetaData md = r.getMetaData();
    int n = md.getColumnCount();
    StringBuilder line = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      line.append(i > 1 ? "," : "").append(quote(md.getColumnLabel(i)));
    }
    out.println(line);
    while (r.next()) {
      line.setLength(0);
      for (int i = 1; i <= n; i++) {
        String v = r.getString(i);
        line.append(i > 1 ? "," : "").append(v == null ? "" : quote(v));
      }
      out.println(line);
    }
  }

  static String quote(String v) {
    if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
      return v;
    }
    return '"' + v.replace("\"", "\"\"") + '"';
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
