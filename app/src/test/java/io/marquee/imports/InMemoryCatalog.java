package io.marquee.imports;

import io.marquee.core.Catalog;
import io.marquee.core.Title;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory {@link Catalog} for tests: titles by asset id, later upserts replacing earlier. */
final class InMemoryCatalog implements Catalog {
  final Map<String, Title> titles = new LinkedHashMap<>();
  final List<Integer> upsertSizes = new ArrayList<>();

  @Override
  public void upsert(Collection<Title> batch) {
    upsertSizes.add(batch.size());
    for (Title title : batch) {
      titles.put(title.assetId(), title);
    }
  }

  @Override
  public long size() {
    return titles.size();
  }

  Title get(String assetId) {
    Title title = titles.get(assetId);
    if (title == null) {
      throw new AssertionError("no title " + assetId);
    }
    return title;
  }
}
