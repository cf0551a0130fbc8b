package io.marquee.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one user's Segment messages: stamps each with type, identity, a deterministic
 * {@code messageId}, timestamp and context.
 */
final class Messages {
  /** The one node factory all generated JSON comes from. */
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static final String LIBRARY = "marquee-demo";

  private final List<ObjectNode> out = new ArrayList<>();
  private final String idPrefix;
  private final String userId;
  private final String locale;
  private String device;
  private String anonymousId;
  private int sessions;

  Messages(long seed, Profile user) {
    this.idPrefix = "demo-" + seed + "-" + user.index() + "-";
    this.userId = user.userId();
    this.locale = user.locale();
    this.device = user.device();
  }

  /** The device type ({@code tv}, {@code mobile}, {@code web}) of messages from now on. */
  void device(String type) {
    this.device = type;
  }

  /** Sends messages from now on as a signed-out visitor with this id, or as the user if null. */
  void anonymous(String id) {
    this.anonymousId = id;
  }

  /** A new deterministic playback session id: {@code demo-<seed>-<user>-s<n>}. */
  String nextSessionId() {
    return idPrefix + "s" + sessions++;
  }

  ObjectNode identify(long at, ObjectNode traits) {
    ObjectNode message = message("identify", at);
    message.set("traits", traits);
    return message;
  }

  ObjectNode track(long at, String event, ObjectNode properties) {
    ObjectNode message = message("track", at);
    message.put("event", event);
    message.set("properties", properties);
    return message;
  }

  /** Links the signed-out id {@code previousId} to the user; send it as the user. */
  ObjectNode alias(long at, String previousId) {
    ObjectNode message = message("alias", at);
    message.put("previousId", previousId);
    return message;
  }

  List<ObjectNode> messages() {
    return out;
  }

  private ObjectNode message(String type, long at) {
    ObjectNode message = NODES.objectNode();
    message.put("type", type);
    if (anonymousId != null) {
      message.put("anonymousId", anonymousId);
    } else {
      message.put("userId", userId);
    }
    message.put("messageId", idPrefix + out.size());
    message.put("timestamp", IsoTime.format(at));
    ObjectNode context = message.putObject("context");
    context.putObject("library").put("name", LIBRARY);
    context.putObject("device").put("type", device);
    context.put("locale", locale);
    out.add(message);
    return message;
  }
}
