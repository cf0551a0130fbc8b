package io.marquee.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.core.FieldLimits;
import io.marquee.imports.BadRowException;
import io.marquee.imports.CsvReader;
import io.marquee.store.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Second- and third-party attributes: imported from partner CSV files into {@code partner_attributes}
 * with their provenance, expiry and legal basis. Rows are matched to users by {@code user_id} or by
 * {@code email_sha256} (a raw {@code email} column is hashed on read and never stored).
 */
public final class PartnerData {
  private final Store store;
  private final ObjectMapper json;

  /** What an import did. */
  public record ImportResult(long rows, long matched, long attributes, List<String> rejected) {}

  public PartnerData(Store store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  /** Parses {@code 180d}, {@code 12h} or {@code 30m}. */
  public static Duration parseTtl(String ttl) {
    if (ttl == null || !ttl.matches("[1-9][0-9]*[dhm]")) {
      throw new IllegalArgumentException("--ttl must look like 180d, 12h or 30m, not '" + ttl + "'");
    }
    long n = Long.parseLong(ttl.substring(0, ttl.length() - 1));
    return switch (ttl.charAt(ttl.length() - 1)) {
      case 'd' -> Duration.ofDays(n);
      case 'h' -> Duration.ofHours(n);
      default -> Duration.ofMinutes(n);
    };
  }

  /** The first field of a row over its {@link FieldLimits}, as an error, or null. */
  private static String tooLong(List<String> header, List<String> fields, int keyColumn) {
    try {
      for (int i = 0; i < fields.size(); i++) {
        if (i == keyColumn) {
          FieldLimits.id(header.get(i), fields.get(i).strip());
        } else {
          FieldLimits.check(header.get(i), fields.get(i).strip(), FieldLimits.MAX_VALUE);
        }
      }
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  public ImportResult importCsv(Path file, String source, String party, String match, Duration ttl,
      String legalBasis) throws IOException, SQLException {
    Map<String, String> byEmail = match.equals("email_sha256") ? emailIndex() : Map.of();
    java.util.Set<String> known = match.equals("user_id") ? knownUsers() : java.util.Set.of();
    List<String> rejected = new ArrayList<>();
    List<Object[]> rows = new ArrayList<>();
    long count = 0;
    long matched = 0;
    Instant now = Instant.now();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CsvReader csv = new CsvReader(in)) {
      List<String> header;
      try {
        header = csv.next();
      } catch (BadRowException e) {
        throw new IOException(file + ": bad header: " + e.getMessage(), e);
      }
      if (header == null) {
        throw new IOException(file + " is empty; it needs a header row");
      }
      header = header.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
      int keyColumn = match.equals("user_id") ? header.indexOf("user_id")
          : header.contains("email_sha256") ? header.indexOf("email_sha256") : header.indexOf("email");
      if (keyColumn < 0) {
        throw new IOException(file + " has no " + (match.equals("user_id") ? "user_id" : "email_sha256 or email")
            + " column (header: " + String.join(",", header) + ")");
      }
      for (String column : header) {
        try {
          FieldLimits.check("column name", column, FieldLimits.MAX_ATTRIBUTE);
        } catch (IllegalArgumentException e) {
          throw new IOException(file + ": bad header: " + e.getMessage(), e);
        }
      }
      boolean rawEmail = header.get(keyColumn).equals("email");
      while (true) {
        List<String> fields;
        try {
          fields = csv.next();
        } catch (BadRowException e) {
          rejected.add("line " + csv.line() + ": " + e.getMessage());
          continue;
        }
        if (fields == null) {
          break;
        }
        count++;
        if (fields.size() != header.size()) {
          rejected.add("line " + csv.line() + ": expected " + header.size() + " fields, found " + fields.size());
          continue;
        }
        String tooLong = tooLong(header, fields, keyColumn);
        if (tooLong != null) {
          rejected.add("line " + csv.line() + ": " + tooLong);
          continue;
        }
        String key = fields.get(keyColumn).strip();
        String userId = match.equals("user_id") ? (known.contains(key) ? key : null)
            : byEmail.get(rawEmail ? PrivacyGuard.emailSha256(key) : key.toLowerCase(Locale.ROOT));
        if (key.isEmpty() || userId == null) {
          rejected.add("line " + csv.line() + ": no user matches this " + (rawEmail ? "email" : match));
          continue;
        }
        matched++;
        for (int i = 0; i < header.size(); i++) {
          String value = fields.get(i).strip();
          if (i == keyColumn || value.isEmpty() || header.get(i).equals("email")) {
            continue;
          }
          rows.add(new Object[] {userId, header.get(i), json.writeValueAsString(typed(value))});
        }
      }
    }
    LocalDateTime observed = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    LocalDateTime expires = LocalDateTime.ofInstant(now.plus(ttl), ZoneOffset.UTC);
    String provenance = party + "_party:" + source;
    store.write(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO partner_attributes VALUES (?, ?, ?::JSON, ?, ?, ?, ?, ?)")) {
        for (Object[] r : rows) {
          p.setString(1, (String) r[0]);
          p.setString(2, (String) r[1]);
          p.setString(3, (String) r[2]);
          p.setString(4, provenance);
          p.setString(5, party);
          p.setTimestamp(6, Timestamp.valueOf(observed));
          p.setTimestamp(7, Timestamp.valueOf(expires));
          p.setString(8, legalBasis);
          p.execute();
        }
      }
      return null;
    });
    return new ImportResult(count, matched, rows.size(), rejected);
  }

  private static Object typed(String value) {
    if (value.matches("-?[0-9]{1,15}")) {
      return Long.parseLong(value);
    }
    if (value.contains("|")) {
      return List.of(value.split("\\|"));
    }
    return value;
  }

  private java.util.Set<String> knownUsers() throws SQLException {
    java.util.Set<String> out = new java.util.HashSet<>();
    try (Connection c = store.readConnection(); PreparedStatement p = c.prepareStatement(
        "SELECT DISTINCT user_id FROM events WHERE user_id IS NOT NULL"); ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  private Map<String, String> emailIndex() throws SQLException {
    Map<String, String> out = new HashMap<>();
    try (Connection c = store.readConnection(); PreparedStatement p = c.prepareStatement(
        "SELECT traits->>'email_sha256', user_id FROM events WHERE type = 'identify' AND user_id IS NOT NULL "
            + "AND (traits->>'email_sha256') IS NOT NULL ORDER BY timestamp");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.put(r.getString(1), r.getString(2));
      }
    }
    return out;
  }
}
