package io.marquee.store;

import java.util.Map;
import java.util.TreeMap;

/** A union of half-open intervals on the real line, merged as they are added. */
final class IntervalSet {
  private final TreeMap<Double, Double> starts = new TreeMap<>();

  void add(double from, double to) {
    if (!(to > from)) {
      return;
    }
    double start = from;
    double end = to;
    Map.Entry<Double, Double> before = starts.floorEntry(start);
    if (before != null && before.getValue() >= start) {
      start = before.getKey();
      end = Math.max(end, before.getValue());
    }
    Map.Entry<Double, Double> next = starts.ceilingEntry(start);
    while (next != null && next.getKey() <= end) {
      end = Math.max(end, next.getValue());
      starts.remove(next.getKey());
      next = starts.ceilingEntry(start);
    }
    starts.put(start, end);
  }

  IntervalSet copy() {
    IntervalSet c = new IntervalSet();
    c.starts.putAll(starts);
    return c;
  }

  void writeTo(java.io.DataOutput out) throws java.io.IOException {
    out.writeInt(starts.size());
    for (Map.Entry<Double, Double> e : starts.entrySet()) {
      out.writeDouble(e.getKey());
      out.writeDouble(e.getValue());
    }
  }

  /** Adds the intervals {@link #writeTo} wrote. */
  void readFrom(java.io.DataInput in) throws java.io.IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      starts.put(in.readDouble(), in.readDouble());
    }
  }

  /** The intervals as {@code [start0, end0, start1, end1, ...]}, in order, none overlapping. */
  double[] toArray() {
    double[] out = new double[starts.size() * 2];
    int i = 0;
    for (Map.Entry<Double, Double> e : starts.entrySet()) {
      out[i++] = e.getKey();
      out[i++] = e.getValue();
    }
    return out;
  }

  /** Total length covered. */
  double length() {
    double sum = 0;
    for (Map.Entry<Double, Double> e : starts.entrySet()) {
      sum += e.getValue() - e.getKey();
    }
    return sum;
  }
}
