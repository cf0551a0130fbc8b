package io.marquee.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleTest {
  @ParameterizedTest(name = "{0} allows {1}: {2}")
  @CsvSource({
      "write,write,true", "write,analyst,false", "write,marketer,false", "write,admin,false",
      "analyst,write,false", "analyst,analyst,true", "analyst,marketer,false", "analyst,admin,false",
      "marketer,write,false", "marketer,analyst,true", "marketer,marketer,true", "marketer,admin,false",
      "admin,write,true", "admin,analyst,true", "admin,marketer,true", "admin,admin,true",
  })
  void allows_followsTheDocumentedMatrix(String holder, String required, boolean expected) {
    assertThat(Role.parse(holder).allows(Role.parse(required))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"ADMIN,admin", " Marketer ,marketer"})
  void parse_ignoresCaseAndSpace(String given, String wire) {
    assertThat(Role.parse(given).wireName()).isEqualTo(wire);
  }

  @org.junit.jupiter.api.Test
  void parse_ofAnUnknownRole_namesTheRoles() {
    assertThatThrownBy(() -> Role.parse("root")).hasMessageContaining("write, analyst, marketer, admin");
  }
}
