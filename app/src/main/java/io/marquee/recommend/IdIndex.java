package io.marquee.recommend;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable dictionary between external ids (user ids, asset ids) and the dense int indices that
 * the models use as row and column numbers.
 */
public final class IdIndex {
  private final String[] ids;
  private final Map<String, Integer> indices;

  /** The index of the given ids, in order; duplicates are refused. */
  public IdIndex(List<String> ids) {
    this.ids = ids.toArray(new String[0]);
    this.indices = new HashMap<>(this.ids.length * 2);
    for (int i = 0; i < this.ids.length; i++) {
      if (indices.put(this.ids[i], i) != null) {
        throw new IllegalArgumentException("duplicate id " + this.ids[i]);
      }
    }
  }

  /** The index of {@code id}, or -1 when it is unknown. */
  public int indexOf(String id) {
    Integer i = indices.get(id);
    return i == null ? -1 : i;
  }

  /** The id at {@code index}. */
  public String id(int index) {
    return ids[index];
  }

  /** How many ids the index holds. */
  public int size() {
    return ids.length;
  }
}
