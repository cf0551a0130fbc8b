package io.marquee.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * File writes for secrets and tamper-evident records: owner-only permissions, atomic replacement
 * and fsync of both the file and its directory. Shared by the vault, the API keys and the audit
 * log.
 */
public final class SecureFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private SecureFiles() {}

  /**
   * Replaces {@code target} with {@code content} so that a reader or a crash sees either the old or
   * the new file whole. The content goes to the fixed sibling {@code NAME.tmp}, which is fsynced,
   * renamed over the target, and the directory fsynced; no other copy is made.
   */
  public static void replace(Path target, byte[] content) throws IOException {
    Path tmp = tempOf(target);
    Files.deleteIfExists(tmp);
    try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE), ownerOnlyAttribute(tmp.getParent()))) {
      writeFully(ch, content);
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    fsyncDirectory(target.toAbsolutePath().getParent());
  }

  /** Writes a new owner-only file; fails with {@link FileAlreadyExistsException} if it exists. */
  public static void createOwnerOnly(Path target, byte[] content) throws IOException {
    try (FileChannel ch = FileChannel.open(target, Set.of(StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE), ownerOnlyAttribute(target.toAbsolutePath().getParent()))) {
      writeFully(ch, content);
      ch.force(true);
    }
    Path parent = target.toAbsolutePath().getParent();
    if (parent != null) {
      fsyncDirectory(parent);
    }
  }

  /** The temporary sibling {@link #replace} writes through; stale ones are deleted on open. */
  public static Path tempOf(Path target) {
    return target.resolveSibling(target.getFileName() + ".tmp");
  }

  /** True unless the file system is POSIX and group or others have any permission on the file. */
  public static boolean isOwnerOnly(Path file) throws IOException {
    if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
      return true;
    }
    Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
    for (PosixFilePermission perm : p) {
      if (!perm.name().startsWith("OWNER_")) {
        return false;
      }
    }
    return true;
  }

  /** Makes a directory's entries (a rename, a new file) durable; a no-op where unsupported. */
  public static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open a directory; the rename itself is still atomic there.
    }
  }

  static void writeFully(FileChannel ch, byte[] content) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(content);
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static FileAttribute<?>[] ownerOnlyAttribute(Path dir) throws IOException {
    Path d = dir == null ? Path.of(".") : dir;
    if (Files.getFileStore(d).supportsFileAttributeView("posix")) {
      return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
    }
    return new FileAttribute<?>[0];
  }
}
