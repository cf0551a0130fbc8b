package io.marquee.kafka.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marquee.access.ApiKeyEntry;
import io.marquee.access.Role;
import io.marquee.kafka.control.ControlRecords.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The control topic's wire format, pinned byte for byte (docs/deploy.md lists it). */
class ControlRecordsTest {
  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void keys_areJsonArraysOpenedByTheirKind() {
    assertThat(text(ControlRecords.key(Kind.API_KEY, "3f9a1c2b7d4e"))).isEqualTo("[\"api-key\",\"3f9a1c2b7d4e\"]");
    assertThat(text(ControlRecords.key(Kind.WRITE_KEY, "ab"))).isEqualTo("[\"write-key\",\"ab\"]");
    assertThat(text(ControlRecords.key(Kind.SUPPRESSION_SALT))).isEqualTo("[\"suppression-salt\"]");
    assertThat(text(ControlRecords.key(Kind.SUPPRESSED, "cd"))).isEqualTo("[\"suppressed\",\"cd\"]");
    assertThat(text(ControlRecords.key(Kind.CONSENT, "u\"1", "analytics")))
        .isEqualTo("[\"consent\",\"u\\\"1\",\"analytics\"]");
    assertThat(text(ControlRecords.key(Kind.VAULT_INDEX))).isEqualTo("[\"vault-index\"]");
    assertThat(text(ControlRecords.key(Kind.DATA_KEY, "E1"))).isEqualTo("[\"data-key\",\"E1\"]");
    assertThatThrownBy(() -> ControlRecords.key(Kind.CONSENT, "u")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void values_pinned_andReadBack() {
    byte[] digest = new byte[32];
    Arrays.fill(digest, (byte) 0xab);
    ApiKeyEntry e = new ApiKeyEntry("3f9a1c2b7d4e", Role.ADMIN, digest, Instant.parse("2026-01-01T00:00:00Z"), null);
    byte[] v = ControlRecords.apiKey(e);
    assertThat(text(v)).isEqualTo("{\"role\":\"admin\",\"sha256\":\"" + "ab".repeat(32)
        + "\",\"created\":\"2026-01-01T00:00:00Z\",\"revoked\":null}");
    assertThat(ControlRecords.readApiKey("3f9a1c2b7d4e", v)).isEqualTo(e);
    assertThat(text(ControlRecords.present())).isEqualTo("{}");
    assertThat(text(ControlRecords.salt(new byte[] {1, 2, 3}))).isEqualTo("{\"salt\":\"AQID\"}");
    assertThat(text(ControlRecords.consent(false))).isEqualTo("{\"allowed\":false}");
    assertThat(ControlRecords.readConsent(ControlRecords.consent(true))).isTrue();
    assertThat(text(ControlRecords.vaultIndex("1a2b3c4d", new byte[] {9}))).isEqualTo(
        "{\"master\":\"1a2b3c4d\",\"index\":\"CQ==\"}");
    assertThat(text(ControlRecords.dataKey("1a2b3c4d", new byte[] {7, 7}))).isEqualTo(
        "{\"master\":\"1a2b3c4d\",\"wrapped\":\"Bwc=\"}");
    assertThat(ControlRecords.readDataKey(ControlRecords.dataKey("m", new byte[] {7})).bytes()).containsExactly(7);
  }

  @Test
  void decodeKey_refusesWrongArityEmptyPartsAndUnknownKinds() {
    assertThat(ControlRecords.decodeKey("[\"consent\",\"u\",\"analytics\"]".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new ControlRecords.Key(Kind.CONSENT, java.util.List.of("u", "analytics")));
    for (String bad : new String[] {"[\"consent\",\"u\"]", "[\"api-key\",\"\"]", "[\"nope\",\"x\"]", "{}", "[]",
        "[1,\"x\"]", "[\"api-key\",1]"}) {
      assertThat(ControlRecords.decodeKey(bad.getBytes(StandardCharsets.UTF_8))).as(bad).isNull();
    }
    assertThat(ControlRecords.decodeKey(null)).isNull();
  }
}
