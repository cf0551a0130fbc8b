package io.marquee.recommend;

import io.marquee.config.Settings;
import io.marquee.server.Marquee;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code marquee train --data-dir DIR}: trains the hybrid recommender on the node's store ({@link
 * StoreDataset}) and publishes it with {@link ModelStore}, for a server started later to load.
 * Prints the users, items and seconds spent loading, training and saving. Opens the node, so it
 * refuses to run while a server owns the data dir (a running server retrains by itself, every
 * {@code recommend.retrain-minutes}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the recommendation models on the store and publish them in DIR/models.")
public final class TrainCommand implements Callable<Integer> {

  @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Data directory.")
  Path dataDir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Marquee node = Marquee.open(dataDir, Settings.defaults(), "marquee train")) {
      long t0 = System.nanoTime();
      Dataset data;
      try (Connection c = node.store().readConnection()) {
        data = StoreDataset.load(c);
      }
      long t1 = System.nanoTime();
      TrainedModel model = TrainedModel.train(data);
      long t2 = System.nanoTime();
      Path saved = new ModelStore(dataDir).save(model);
      long t3 = System.nanoTime();
      out.printf(Locale.ROOT, "users %,d%nitems %,d%ninteractions %,d%n", model.userCount(),
          model.itemCount(), data.interactions().size());
      out.printf(Locale.ROOT, "load %.1f s, train %.1f s, save %.1f s%n", (t1 - t0) / 1e9,
          (t2 - t1) / 1e9, (t3 - t2) / 1e9);
      out.printf(Locale.ROOT, "seconds %.1f%nsaved %s%n", (t3 - t0) / 1e9, saved);
      out.flush();
    }
    return 0;
  }
}
