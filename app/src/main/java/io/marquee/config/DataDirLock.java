package io.marquee.config;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Exclusive ownership of a data dir by one process, through an OS file lock on {@code marquee.lock}.
 * The lock file names its owner so that the refusal says who holds it. The OS releases the lock when
 * the owner dies, even by {@code kill -9}.
 */
public final class DataDirLock implements Closeable {
  static final String FILE = "marquee.lock";
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock or fails with a message naming the current owner.
   *
   * @param purpose what this process is, e.g. "marquee serve on port 8080"
   */
  public static DataDirLock acquire(Path dataDir, String purpose) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null; // held by this very process (e.g. a command run in-process next to a node)
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    if (lock == null) {
      String owner;
      try {
        owner = Files.readString(file, StandardCharsets.UTF_8).trim();
      } finally {
        ch.close();
      }
      throw new DataDirBusyException("data dir " + dataDir + " is in use by "
          + (owner.isEmpty() ? "another process" : owner) + "; stop it first");
    }
    String me = "pid " + ProcessHandle.current().pid() + " (" + purpose + ", since " + Instant.now() + ")";
    ch.truncate(0);
    ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
    ch.force(false);
    return new DataDirLock(ch, lock);
  }

  @Override
  public void close() throws IOException {
    channel.truncate(0);
    lock.release();
    channel.close();
  }

  /** The data dir is owned by another process. */
  public static final class DataDirBusyException extends IOException {
    private static final long serialVersionUID = 1L;

    DataDirBusyException(String message) {
      super(message);
    }
  }
}
