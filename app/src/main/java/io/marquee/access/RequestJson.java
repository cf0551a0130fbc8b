package io.marquee.access;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * The JSON object body of an API route (audiences, releases, consent, master-key rotation): one rule
 * for all of them, so that a body that is not JSON, or not an object, gets the same 400 everywhere,
 * naming where the JSON broke and what the route expects. The collection routes have their own,
 * streaming reader ({@code collect.RequestBody}).
 */
public final class RequestJson {
  private RequestJson() {
  }

  /**
   * The request's body as a JSON object.
   *
   * @param expected what the route takes, for the error (e.g. {@code {"name", "rule"}})
   * @throws BadRequestResponse {@code body: not valid JSON at line L, column C (...); expected ...} or
   *     {@code body: must be a JSON object; expected ...}
   */
  public static ObjectNode object(Context ctx, ObjectMapper json, String expected) {
    JsonNode body;
    try {
      body = json.readTree(ctx.bodyAsBytes());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new BadRequestResponse("body: not valid JSON" + where + " (" + e.getOriginalMessage() + "); expected "
          + expected);
    } catch (IOException e) {
      throw new BadRequestResponse("body: cannot be read (" + e.getMessage() + ")");
    }
    if (body == null || !body.isObject()) {
      throw new BadRequestResponse("body: must be a JSON object; expected " + expected);
    }
    return (ObjectNode) body;
  }
}
