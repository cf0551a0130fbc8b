package io.marquee.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema versions: a new store is at the latest, migrations are numbered in order, newer is refused. */
class SchemaTest {
  @TempDir Path dir;

  @Test
  void migrations_areNumberedFrom2WithoutGaps() {
    for (int i = 0; i < Schema.MIGRATIONS.size(); i++) {
      assertThat(Schema.MIGRATIONS.get(i).version()).isEqualTo(i + 2);
    }
  }

  @Test
  void aNewStore_isAtTheCodesVersion_andReopensUnchanged() throws Exception {
    try (Store s = Store.open(dir)) {
      assertThat(version(s)).isEqualTo(Schema.VERSION);
    }
    try (Store s = Store.open(dir)) {
      assertThat(version(s)).isEqualTo(Schema.VERSION);
    }
  }

  @Test
  void aStoreNewerThanTheCode_isRefused_namingBothVersions() throws Exception {
    try (Store s = Store.open(dir)) {
      s.write(c -> {
        try (Statement st = c.createStatement()) {
          return st.executeUpdate("UPDATE marquee_meta SET value = '" + (Schema.VERSION + 7)
              + "' WHERE key = 'schema_version'");
        }
      });
    }
    String expected = "the store is at schema version " + (Schema.VERSION + 7) + ", newer than this release's "
        + Schema.VERSION;
    assertThatThrownBy(() -> Store.open(dir)).isInstanceOf(IOException.class).hasMessageContaining(expected);
    assertThatThrownBy(() -> Store.openReadOnly(dir)).isInstanceOf(IOException.class)
        .hasMessageContaining(expected);
  }

  private static int version(Store s) throws Exception {
    try (Connection c = s.readConnection(); Statement st = c.createStatement();
        ResultSet r = st.executeQuery("SELECT value FROM marquee_meta WHERE key = 'schema_version'")) {
      r.next();
      return Integer.parseInt(r.getString(1));
    }
  }
}
