package io.marquee.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening UTF-8 input files, and a readable error for bytes that are not UTF-8. */
final class Inputs {
  private Inputs() {}

  /** A strict UTF-8 reader: malformed bytes throw {@link CharacterCodingException}. */
  static BufferedReader utf8(Path file) throws IOException {
    return Files.newBufferedReader(file, StandardCharsets.UTF_8);
  }

  /** The error for a file with bytes that are not UTF-8. */
  static IOException notUtf8(Path file, CharacterCodingException cause) {
    return new IOException(
        file.getFileName() + " is not UTF-8 text (save it as UTF-8 and import again)", cause);
  }
}
