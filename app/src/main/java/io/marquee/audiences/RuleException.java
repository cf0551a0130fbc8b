package io.marquee.audiences;

/** A rule that cannot be evaluated: its message names the JSON path of the bad node and what is wrong. */
final class RuleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RuleException(String path, String problem) {
    super(path + ": " + problem);
  }
}
