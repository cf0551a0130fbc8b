package io.marquee.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The token in an HTTP {@code Authorization} header: {@code Bearer TOKEN} everywhere, and on the
 * collection endpoints also Segment's {@code Basic base64(WRITE_KEY:)}, where the key is the user
 * name and the password is empty or ignored.
 */
public final class AuthorizationHeader {
  private AuthorizationHeader() {}

  /** The token of a {@code Bearer} header, if that is what it is. */
  public static Optional<String> bearer(String header) {
    if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = header.substring(7).strip();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  /** The user name of a {@code Basic} header (Segment's write key), if that is what it is. */
  public static Optional<String> basicUser(String header) {
    if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    String user = colon < 0 ? decoded : decoded.substring(0, colon);
    return user.isEmpty() ? Optional.empty() : Optional.of(user);
  }
}
