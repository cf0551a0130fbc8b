package io.marquee.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A minimal keep-alive HTTP/1.1 client over one socket: writes a ready-made request and reads the
 * status line, headers and body (Content-Length, chunked, or up to close). One per worker thread;
 * not thread-safe. Cheaper per request than {@code java.net.http.HttpClient}, which matters since
 * the load generator shares the machine with the server it measures.
 */
final class BatchConnection implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final int MAX_BODY = 16 << 20;

  private final String host;
  private final int port;
  private final int readTimeoutMillis;
  private final byte[] in = new byte[16 * 1024];
  private int inPos;
  private int inLimit;
  private final StringBuilder line = new StringBuilder(128);
  private Socket socket;
  private InputStream input;
  private OutputStream output;
  private boolean used;
  private boolean reused;

  private int status;
  private String retryAfter;
  private byte[] body = new byte[4096];
  private int bodyLength;

  BatchConnection(String host, int port, int readTimeoutMillis) {
    this.host = host;
    this.port = port;
    this.readTimeoutMillis = readTimeoutMillis;
  }

  /**
   * Sends {@code request} (complete HTTP/1.1 request bytes) and reads the whole response,
   * connecting first when no connection is open. On failure the connection is closed, so the next
   * call starts a fresh one.
   */
  void exchange(byte[] request) throws IOException {
    reused = socket != null && used;
    if (socket == null) {
      open();
    }
    try {
      output.write(request);
      output.flush();
      readResponse();
      used = true;
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Whether the last {@link #exchange} went over a connection that had already carried a response;
   * such a connection may have been closed by the server while idle, so a failure there is worth
   * one retry on a fresh connection.
   */
  boolean lastExchangeReused() {
    return reused;
  }

  /** Status code of the last response. */
  int status() {
    return status;
  }

  /** The last response's Retry-After header, or null. */
  String retryAfter() {
    return retryAfter;
  }

  /** The last response's body as text (decoded as UTF-8). */
  String bodyText() {
    return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
  }

  /**
   * The number after {@code "accepted":} in the last response's body, found by plain search, or -1
   * when there is none.
   */
  long accepted() {
    int i = indexOf(body, bodyLength, "\"accepted\"");
    if (i < 0) {
      return -1;
    }
    i += "\"accepted\"".length();
    while (i < bodyLength && (body[i] == ' ' || body[i] == ':' || body[i] == '\t')) {
      i++;
    }
    long n = -1;
    while (i < bodyLength && body[i] >= '0' && body[i] <= '9') {
      n = (n < 0 ? 0 : n * 10) + (body[i++] - '0');
    }
    return n;
  }

  /** Whether the last response's body has a {@code "rejected"} array that is not empty. */
  boolean hasRejections() {
    int i = indexOf(body, bodyLength, "\"rejected\"");
    if (i < 0) {
      return false;
    }
    i += "\"rejected\"".length();
    while (i < bodyLength && (body[i] == ' ' || body[i] == ':' || body[i] == '\t')) {
      i++;
    }
    if (i >= bodyLength || body[i] != '[') {
      return false;
    }
    i++;
    while (i < bodyLength
        && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
      i++;
    }
    return i < bodyLength && body[i] != ']';
  }

  /**
   * How long a Retry-After value asks to wait: delay-seconds (fractions tolerated) or an HTTP date;
   * {@code fallback} when absent or unreadable, never negative.
   */
  static Duration retryDelay(String value, Duration fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String v = value.trim();
    try {
      double seconds = Double.parseDouble(v);
      if (seconds >= 0 && seconds < 86_400) {
        return Duration.ofMillis((long) (seconds * 1000));
      }
      return fallback;
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return fallback;
      }
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Closing a socket we are done with; nothing to do.
      }
    }
    socket = null;
    input = null;
    output = null;
    used = false;
    inPos = 0;
    inLimit = 0;
  }

  private void open() throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.setKeepAlive(true);
      s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      s.setSoTimeout(readTimeoutMillis);
      input = s.getInputStream();
      output = s.getOutputStream();
    } catch (IOException e) {
      s.close();
      throw e;
    }
    socket = s;
    inPos = 0;
    inLimit = 0;
  }

  private void readResponse() throws IOException {
    String statusLine;
    boolean chunked;
    long contentLength;
    boolean close;
    do {
      statusLine = readLine();
      if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
        throw new IOException("not an HTTP/1.x status line: " + abbreviate(statusLine));
      }
      try {
        status = Integer.parseInt(statusLine.substring(9, 12));
      } catch (NumberFormatException e) {
        throw new IOException("bad status line: " + abbreviate(statusLine), e);
      }
      boolean http10 = statusLine.startsWith("HTTP/1.0");
      chunked = false;
      contentLength = -1;
      close = http10;
      retryAfter = null;
      for (String header = readLine(); !header.isEmpty(); header = readLine()) {
        int colon = header.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        String name = header.substring(0, colon).trim();
        String value = header.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
          try {
            contentLength = Long.parseLong(value);
          } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length: " + value, e);
          }
        } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
          chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
        } else if (name.equalsIgnoreCase("Connection")) {
          String v = value.toLowerCase(java.util.Locale.ROOT);
          if (v.contains("close")) {
            close = true;
          } else if (v.contains("keep-alive")) {
            close = false;
          }
        } else if (name.equalsIgnoreCase("Retry-After")) {
          retryAfter = value;
        }
      }
    } while (status >= 100 && status < 200);

    bodyLength = 0;
    if (status == 204 || status == 304) {
      // No body.
    } else if (chunked) {
      readChunked();
    } else if (contentLength >= 0) {
      if (contentLength > MAX_BODY) {
        throw new IOException("response body too large: " + contentLength + " bytes");
      }
      readBody((int) contentLength);
    } else {
      readToEnd();
      close = true;
    }
    if (close) {
      close();
    }
  }

  private void readChunked() throws IOException {
    while (true) {
      String sizeLine = readLine();
      int semicolon = sizeLine.indexOf(';');
      String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
      int size;
      try {
        size = Integer.parseInt(hex, 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size: " + abbreviate(sizeLine), e);
      }
      if (size == 0) {
        while (!readLine().isEmpty()) {
          // Trailer fields, ignored.
        }
        return;
      }
      readBody(size);
      if (!readLine().isEmpty()) {
        throw new IOException("chunk not followed by CRLF");
      }
    }
  }

  /** Appends exactly {@code n} bytes of the stream to the body. */
  private void readBody(int n) throws IOException {
    ensureBody(bodyLength + n);
    int remaining = n;
    while (remaining > 0) {
      if (inPos == inLimit && !fill()) {
        throw new EOFException("connection closed inside the response body");
      }
      int k = Math.min(remaining, inLimit - inPos);
      System.arraycopy(in, inPos, body, bodyLength, k);
      inPos += k;
      bodyLength += k;
      remaining -= k;
    }
  }

  private void readToEnd() throws IOException {
    while (inPos < inLimit || fill()) {
      int k = inLimit - inPos;
      ensureBody(bodyLength + k);
      System.arraycopy(in, inPos, body, bodyLength, k);
      inPos += k;
      bodyLength += k;
    }
  }

  private void ensureBody(int capacity) throws IOException {
    if (capacity > MAX_BODY) {
      throw new IOException("response body too large");
    }
    if (capacity > body.length) {
      byte[] bigger = new byte[Math.max(capacity, body.length * 2)];
      System.arraycopy(body, 0, bigger, 0, bodyLength);
      body = bigger;
    }
  }

  /** Reads a CRLF- (or LF-) terminated line of at most 8 KiB, without the terminator. */
  private String readLine() throws IOException {
    line.setLength(0);
    while (true) {
      if (inPos == inLimit && !fill()) {
        throw new EOFException(
            line.length() == 0 && !used
                ? "connection closed before a response"
                : "connection closed inside the response head");
      }
      byte b = in[inPos++];
      if (b == '\n') {
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') {
          line.setLength(len - 1);
        }
        return line.toString();
      }
      if (line.length() >= 8192) {
        throw new IOException("response header line too long");
      }
      line.append((char) (b & 0xff));
    }
  }

  private boolean fill() throws IOException {
    int n = input.read(in, 0, in.length);
    if (n <= 0) {
      return false;
    }
    inPos = 0;
    inLimit = n;
    return true;
  }

  private static int indexOf(byte[] haystack, int length, String needle) {
    outer:
    for (int i = 0; i + needle.length() <= length; i++) {
      for (int j = 0; j < needle.length(); j++) {
        if (haystack[i + j] != needle.charAt(j)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "...";
  }
}
