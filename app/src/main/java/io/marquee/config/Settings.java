package io.marquee.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Marquee's configuration: the defaults of {@code marquee-reference.properties}, then an optional
 * file, then explicit overrides (command-line flags). Unknown keys are refused so typos surface.
 */
public final class Settings {
  private static final String REFERENCE = "/marquee-reference.properties";
  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = values;
  }

  /** The reference defaults alone. */
  public static Settings defaults() {
    Properties p = new Properties();
    try (InputStream in = Settings.class.getResourceAsStream(REFERENCE)) {
      p.load(in);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("missing " + REFERENCE + " on the classpath", e);
    }
    Map<String, String> m = new TreeMap<>();
    p.forEach((k, v) -> m.put(k.toString(), v.toString().trim()));
    return new Settings(m);
  }

  /** These settings with the keys of a properties file applied on top. */
  public Settings withFile(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    Map<String, String> m = new TreeMap<>();
    p.forEach((k, v) -> m.put(k.toString(), v.toString().trim()));
    return with(m);
  }

  /** These settings with the given keys replaced. */
  public Settings with(Map<String, String> overrides) {
    Map<String, String> m = new TreeMap<>(values);
    overrides.forEach((k, v) -> {
      if (!values.containsKey(k)) {
        throw new IllegalArgumentException("unknown setting '" + k + "' (see marquee-reference.properties)");
      }
      m.put(k, v);
    });
    return new Settings(m);
  }

  public Settings with(String key, Object value) {
    return with(Map.of(key, String.valueOf(value)));
  }

  public String string(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("unknown setting '" + key + "'");
    }
    return v;
  }

  public long longValue(String key) {
    try {
      return Long.parseLong(string(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("setting " + key + " must be a whole number, not '" + string(key) + "'");
    }
  }

  public int intValue(String key) {
    return Math.toIntExact(longValue(key));
  }

  public boolean bool(String key) {
    String v = string(key);
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException("setting " + key + " must be true or false, not '" + v + "'");
    }
    return Boolean.parseBoolean(v);
  }
}
