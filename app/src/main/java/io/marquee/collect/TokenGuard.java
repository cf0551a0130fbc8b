package io.marquee.collect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import io.marquee.core.Reason;
import io.marquee.core.RejectionCode;
import java.io.IOException;

/**
 * A view of one message's JSON that sees every token it yields, so that the rules on a message's
 * content are applied in one place to every field name and scalar at every depth, whether the
 * message is read from bytes by {@link MessageScanner} or from a tree by {@link MessageValidator}.
 *
 * <p>It records the first limit a message breaks (deeper than {@link #MAX_DEPTH}, more than
 * {@link #MAX_VALUES} values, a key twice in one object, a number that does not fit a double) and
 * whether anything in it needs the exact privacy rules of the tree path ({@link Sensitive}).
 * {@link #skipChildren()} walks the skipped tokens through {@link #nextToken()}: nothing a caller
 * skips goes unseen.
 */
final class TokenGuard extends JsonParserDelegate {
  /** The deepest nesting a message may have; the message object itself is level 1. */
  static final int MAX_DEPTH = 32;
  /** The most values (scalars, objects and arrays) one message may hold. */
  static final int MAX_VALUES = 5_000;
  private static final int LINEAR_KEYS = 16;
  private static final int KEY_CACHE = 256;
  /** One guard per thread for the streaming path, reset per message: no allocation per message. */
  private static final ThreadLocal<TokenGuard> REUSED = ThreadLocal.withInitial(TokenGuard::new);

  private final String[] names = new String[MAX_DEPTH + 2];
  private final boolean[] inArray = new boolean[MAX_DEPTH + 2];
  /** Keys of the open objects, per depth, for the duplicate check. */
  private final KeySet[] keys = new KeySet[MAX_DEPTH + 2];
  /**
   * Field names seen by this guard and whether they are sensitive, by identity: the parser hands out
   * one canonical String per name, so a repeated name costs one array read.
   */
  private final String[] cachedKeys = new String[KEY_CACHE];
  private final boolean[] cachedSensitive = new boolean[KEY_CACHE];
  private int depth;
  private int values;
  private boolean sensitive;
  private Reason error;

  /** Wraps a parser positioned on the first token of a message (normally its START_OBJECT). */
  TokenGuard(JsonParser p) throws IOException {
    super(p);
    see(p.currentToken());
  }

  private TokenGuard() {
    super(null);
  }

  /**
   * This thread's guard, reset to wrap a parser positioned on the first token of a message; valid
   * until the thread asks for the next one.
   */
  static TokenGuard reused(JsonParser p) throws IOException {
    TokenGuard g = REUSED.get();
    g.delegate = p;
    g.depth = 0;
    g.values = 0;
    g.sensitive = false;
    g.error = null;
    g.see(p.currentToken());
    return g;
  }

  /** Lets go of the parser (and so of the request body it reads) once the message is scanned. */
  void release() {
    delegate = null;
  }

  /** Checks a whole tree with the same rules; the guard is returned fully consumed. */
  static TokenGuard of(JsonNode node) throws IOException {
    JsonParser p = node.traverse();
    p.nextToken();
    TokenGuard g = new TokenGuard(p);
    g.skipChildren();
    return g;
  }

  /**
   * Checks the message in {@code json} with the same rules; the first limit it breaks, or null (also
   * for bytes that are no JSON object, which the caller's own parse reports).
   */
  static Reason of(com.fasterxml.jackson.databind.ObjectMapper mapper, byte[] json) throws IOException {
    try (JsonParser p = mapper.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      TokenGuard g = new TokenGuard(p);
      g.skipChildren();
      return g.error();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }

  /** The first limit the message broke, or null. */
  Reason error() {
    return error;
  }

  /** True when something in the message may be card or personal data (the tree path decides). */
  boolean sensitive() {
    return sensitive;
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken t = delegate.nextToken();
    see(t);
    return t;
  }

  @Override
  public JsonToken nextValue() throws IOException {
    JsonToken t = nextToken();
    return t == JsonToken.FIELD_NAME ? nextToken() : t;
  }

  @Override
  public JsonParser skipChildren() throws IOException {
    JsonToken t = currentToken();
    if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
      return this;
    }
    int open = 1;
    while (open > 0) {
      JsonToken n = nextToken();
      if (n == null) {
        return this;
      }
      if (n.isStructStart()) {
        open++;
      } else if (n.isStructEnd()) {
        open--;
      }
    }
    return this;
  }

  private void see(JsonToken t) throws IOException {
    if (t == null) {
      return;
    }
    switch (t) {
      case FIELD_NAME -> field(delegate.currentName());
      case START_OBJECT, START_ARRAY -> {
        value();
        depth++;
        if (depth > MAX_DEPTH) {
          fail(RejectionCode.TOO_DEEP, "message nests deeper than " + MAX_DEPTH + " levels (at " + path() + ")");
        } else {
          names[depth] = null;
          inArray[depth] = t == JsonToken.START_ARRAY;
          if (t == JsonToken.START_OBJECT) {
            if (keys[depth] == null) {
              keys[depth] = new KeySet();
            }
            keys[depth].clear();
          }
        }
      }
      case END_OBJECT, END_ARRAY -> depth--;
      case VALUE_STRING -> {
        value();
        char[] text = delegate.getTextCharacters();
        int offset = delegate.getTextOffset();
        int length = delegate.getTextLength();
        if (!wellFormed(text, offset, length)) {
          fail(RejectionCode.INVALID_UNICODE, "a string at " + path()
              + " holds an unpaired surrogate (\\ud800 alone): text must be valid Unicode");
        }
        sensitive = sensitive || Sensitive.text(text, offset, length);
      }
      case VALUE_NUMBER_INT -> {
        value();
        if (delegate.getNumberType() == NumberType.BIG_INTEGER && !Double.isFinite(delegate.getDoubleValue())) {
          fail(RejectionCode.NON_FINITE_NUMBER, "non-finite number at " + path() + ": numbers must fit a double");
        }
        sensitive = sensitive || Sensitive.integer(delegate);
      }
      case VALUE_NUMBER_FLOAT -> {
        value();
        double d = delegate.getDoubleValue();
        if (!Double.isFinite(d)) {
          fail(RejectionCode.NON_FINITE_NUMBER, "non-finite number at " + path() + ": numbers must fit a double");
        }
        sensitive = sensitive || Sensitive.floating(d);
      }
      default -> value();
    }
  }

  /**
   * Whether the UTF-16 text has no unpaired surrogate. The bytes are valid UTF-8 (checked before
   * parsing), but a JSON escape can still name half a pair, which no store or client can hold as
   * text: DuckDB would turn it into another string than the one the rest of the node keys by.
   */
  static boolean wellFormed(char[] text, int offset, int length) {
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      char c = text[i];
      if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
        if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text[i + 1])) {
          i++;
        } else {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean wellFormed(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (Character.isSurrogate(name.charAt(i))) {
        return wellFormed(name.toCharArray(), 0, name.length());
      }
    }
    return true;
  }

  private void field(String name) {
    if (!wellFormed(name)) {
      fail(RejectionCode.INVALID_UNICODE, "a key at " + path()
          + " holds an unpaired surrogate (\\ud800 alone): text must be valid Unicode");
    }
    if (depth <= MAX_DEPTH) {
      names[depth] = name;
      if (!keys[depth].add(name)) {
        fail(RejectionCode.DUPLICATE_KEY, "duplicate key '" + MessageValidator.abbreviate(name) + "' at " + path());
      }
    }
    if (!sensitive) {
      int slot = System.identityHashCode(name) & (KEY_CACHE - 1);
      if (cachedKeys[slot] == name) {
        sensitive = cachedSensitive[slot];
      } else {
        boolean s = Sensitive.key(name);
        cachedKeys[slot] = name;
        cachedSensitive[slot] = s;
        sensitive = s;
      }
    }
  }

  private void value() {
    if (++values == MAX_VALUES + 1) {
      fail(RejectionCode.TOO_MANY_VALUES, "message has more than " + MAX_VALUES + " values; the limit is " + MAX_VALUES);
    }
  }

  private void fail(RejectionCode code, String reason) {
    if (error == null) {
      error = code.because(reason);
    }
  }

  /** Where the parser is, as {@code properties.list[].x}; the message itself is {@code message}. */
  private String path() {
    StringBuilder b = new StringBuilder();
    for (int d = 1; d <= Math.min(depth, MAX_DEPTH); d++) {
      if (inArray[d]) {
        b.append("[]");
      } else if (names[d] != null) {
        b.append(b.length() > 0 ? "." : "").append(MessageValidator.abbreviate(names[d]));
      }
    }
    return b.length() == 0 ? "message" : b.toString();
  }


  /** The keys of one object: a linear scan while small, a hash set beyond. */
  private static final class KeySet {
    private final String[] few = new String[LINEAR_KEYS];
    private final int[] hashes = new int[LINEAR_KEYS];
    private int size;
    private java.util.HashSet<String> many;

    void clear() {
      size = 0;
      many = null;
    }

    boolean add(String name) {
      if (many != null) {
        return many.add(name);
      }
      int hash = name.hashCode();
      for (int i = 0; i < size; i++) {
        // parsers hand out one canonical String per name: identity first, then the cached hash
        if (few[i] == name || (hashes[i] == hash && few[i].equals(name))) {
          return false;
        }
      }
      if (size < LINEAR_KEYS) {
        hashes[size] = hash;
        few[size++] = name;
        return true;
      }
      many = new java.util.HashSet<>(java.util.Arrays.asList(few));
      return many.add(name);
    }
  }
}
