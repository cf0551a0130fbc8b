package io.marquee.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The OpenAPI document in the jar is well-formed: every operation complete, every reference defined. */
class OpenApiDocumentTest {
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
  private final JsonNode doc = read();

  private static JsonNode read() {
    try {
      return new ObjectMapper().readTree(ApiDocs.resource());
    } catch (java.io.IOException e) {
      throw new AssertionError("openapi.json is not JSON", e);
    }
  }

  @Test
  void isOpenApi31_withBothKindsOfKey_asSecuritySchemes() {
    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    assertThat(doc.path("info").path("version").asText()).isNotEmpty();
    JsonNode schemes = doc.path("components").path("securitySchemes");
    assertThat(schemes.path("writeKey").path("scheme").asText()).isEqualTo("basic");
    assertThat(schemes.path("apiKey").path("scheme").asText()).isEqualTo("bearer");
  }

  @Test
  void everyOperation_hasAnId_aSummary_responses_aSecurityDecision_andDeclaresItsPathParameters() {
    List<String> ids = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : fields(doc.path("paths"))) {
      for (Map.Entry<String, JsonNode> op : fields(path.getValue())) {
        String name = op.getKey() + " " + path.getKey();
        JsonNode o = op.getValue();
        assertThat(o.path("operationId").asText()).as(name).isNotEmpty();
        ids.add(o.path("operationId").asText());
        assertThat(o.path("summary").asText()).as(name).isNotEmpty();
        assertThat(o.path("responses").size()).as(name).isPositive();
        assertThat(o.has("security")).as(name + " says which key it needs, or [] for none").isTrue();
        for (JsonNode requirement : o.path("security")) {
          requirement.fieldNames().forEachRemaining(scheme -> assertThat(
              doc.path("components").path("securitySchemes").has(scheme)).as(name + ": " + scheme).isTrue());
        }
        Matcher m = PATH_PARAM.matcher(path.getKey());
        while (m.find()) {
          String param = m.group(1);
          boolean declared = false;
          for (JsonNode p : o.path("parameters")) {
            declared |= p.path("in").asText().equals("path") && p.path("name").asText().equals(param);
          }
          assertThat(declared).as(name + " declares {" + param + "}").isTrue();
        }
      }
    }
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void everyReference_pointsAtADefinedComponent() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
  }

  private static void collectRefs(JsonNode node, List<String> out) {
    if (node.isObject()) {
      if (node.has("$ref")) {
        out.add(node.get("$ref").asText());
      }
      node.elements().forEachRemaining(child -> collectRefs(child, out));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collectRefs(child, out));
    }
  }

  private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
