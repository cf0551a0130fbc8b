package io.marquee.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonalDataTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate TODAY = LocalDate.of(2024, 5, 1);

  private static ObjectNode traits(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
  }

  @Test
  void split_removesPersonalTraits_andKeepsTheRest() throws Exception {
    ObjectNode in = traits("{'email':'ada@example.com','first_name':'Ada','lastName':'Lovelace',"
        + "'name':'Ada Lovelace','phone':'+15555550100','birthday':'1990-05-02',"
        + "'address':{'street':'1 Main St','city':'London','postalCode':'N1','country':'GB'},"
        + "'plan':'premium','age':33,'company':{'name':'Analytical Engines'}}");
    String before = in.toString();
    PersonalData.Split s = PersonalData.split(in, TODAY);
    assertThat(s.traits().toString())
        .isEqualTo(traits("{'plan':'premium','age':33,'company':{'name':'Analytical Engines'}}").toString());
    assertThat(s.personal()).containsOnlyKeys("email", "firstName", "lastName", "name", "phone",
        "birthday", "address");
    assertThat(s.personal().get("firstName").textValue()).isEqualTo("Ada");
    assertThat(s.personal().get("address").get("street").textValue()).isEqualTo("1 Main St");
    assertThat(s.age()).hasValue(33);
    assertThat(s.country()).hasValue("GB");
    assertThat(in.toString()).isEqualTo(before);
  }

  @Test
  void payment_isReducedToTokenBrandLast4AndExpiry() throws Exception {
    PersonalData.Split s = PersonalData.split(traits("{'payment':{'token':'tok_1','brand':'visa',"
        + "'last4':'4242','expMonth':'7','exp_year':2031,'holder':'Ada L','bin':'424242'}}"), TODAY);
    assertThat(s.personal().get("payment").toString())
        .isEqualTo(traits("{'token':'tok_1','brand':'visa','last4':'4242','exp_month':7,'exp_year':2031}").toString());
    assertThat(s.droppedPaymentKeys()).containsExactly("payment.holder", "payment.bin");
    assertThat(s.traits().has("payment")).isFalse();
  }

  @Test
  void payment_withBadValues_dropsThem() throws Exception {
    PersonalData.Split s = PersonalData.split(
        traits("{'payment':{'last4':'42','exp_month':13,'brand':'visa'}}"), TODAY);
    assertThat(s.personal().get("payment").toString()).isEqualTo("{\"brand\":\"visa\"}");
    assertThat(s.droppedPaymentKeys()).containsExactly("payment.last4", "payment.exp_month");
    assertThat(PersonalData.split(traits("{'payment':'tok'}"), TODAY).personal()).isEmpty();
  }

  @Test
  void snakeCaseAndOtherSpellings_mapToOneField_firstWins() throws Exception {
    PersonalData.Split s = PersonalData.split(
        traits("{'First_Name':'Ada','firstName':'Other','postal_code':'N1','zip':'X','phone_number':'1'}"), TODAY);
    assertThat(s.personal()).containsOnlyKeys("firstName", "postalCode", "phone");
    assertThat(s.personal().get("firstName").textValue()).isEqualTo("Ada");
    assertThat(s.traits().isEmpty()).isTrue();
  }

  @Test
  void nullTraits_areReportedSoTheStoredValueCanBeCleared() throws Exception {
    PersonalData.Split s = PersonalData.split(traits("{'email':null}"), TODAY);
    assertThat(s.personal().get("email").isNull()).isTrue();
    assertThat(s.traits().has("email")).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"1990-05-01,34", "1990-05-02,33", "1990-05-02T00:00:00Z,33", "2024-05-01,0",
      "2025-01-01,", "not-a-date,", "1800-01-01,"})
  void age_isWholeYearsOnTheGivenDate(String birthday, Integer expected) {
    var age = PersonalData.ageOf(JSON.getNodeFactory().textNode(birthday), TODAY);
    if (expected == null) {
      assertThat(age).isEmpty();
    } else {
      assertThat(age).hasValue(expected);
    }
  }

  @Test
  void fieldOf_knowsTheReservedTraits() {
    assertThat(PersonalData.fieldOf("e-mail")).hasValue("email");
    assertThat(PersonalData.fieldOf("EMAIL")).hasValue("email");
    assertThat(PersonalData.fieldOf("street_address")).hasValue("street");
    assertThat(PersonalData.fieldOf("plan")).isEmpty();
    assertThat(PersonalData.FIELDS).contains("email", "payment", "birthday", "postalCode");
  }

  @ParameterizedTest
  @CsvSource({"email_address,email", "mobile,mobile", "dob,birthday", "surname,lastName", "full_name,name",
      "given_name,firstName", "date_of_birth,birthday", "post_code,postalCode", "cell_phone,mobile"})
  void commonPersonalNames_mapToTheirField(String key, String field) {
    assertThat(PersonalData.fieldOf(key)).hasValue(field);
    assertThat(PersonalData.isPersonalKey(key)).isTrue();
  }

  @Test
  void nestedObject_sealsUnambiguousNames_butNotABareName() throws Exception {
    PersonalData.Split s = PersonalData.split(traits("{'email':'ada@example.com','name':'Dune','genre':'sf'}"),
        TODAY, false);
    assertThat(s.personal()).containsOnlyKeys("email");
    assertThat(s.traits().get("name").textValue()).isEqualTo("Dune");
  }

  @Test
  void emailShapedValue_underAnyKey_isPersonal_underItsOwnName() throws Exception {
    PersonalData.Split s = PersonalData.split(traits("{'note':' Ada@Example.com ','cc_list':['x','b@c.org'],"
        + "'handle':'@ada','where':'a@b'}"), TODAY, false);
    assertThat(s.personal()).containsOnlyKeys("note", "cc_list");
    assertThat(s.traits().get("handle").textValue()).isEqualTo("@ada");
  }

  @ParameterizedTest
  @CsvSource({"ada@example.com,true", "a.b+c@mail.example.co.uk,true", "@ada,false", "ada@localhost,false",
      "two@at@x.com,false", "ada @example.com,false", "ada@example.,false", "x,false"})
  void emailShape(String value, boolean shaped) {
    assertThat(PersonalData.isEmailShaped(value)).isEqualTo(shaped);
  }

  @Test
  void personLikeParents_andNotOthers() {
    assertThat(PersonalData.isPersonLike("user")).isTrue();
    assertThat(PersonalData.isPersonLike("Customer")).isTrue();
    assertThat(PersonalData.isPersonLike("artist")).isFalse();
    assertThat(PersonalData.isPersonLike("company")).isFalse();
    assertThat(PersonalData.isPersonalKey("name")).isFalse();
  }
}
