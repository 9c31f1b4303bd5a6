package dev.perfkernel.magics.parse.gclog;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps at most {@code capacity} items spread evenly over a stream of unknown length: when full
 * it drops every other kept item and from then on keeps only every 2nd (4th, 8th...) new one.
 * Charts over time stay representative of the whole run in bounded memory.
 */
final class EventSampler<T> {
    private final int capacity;
    private final List<T> kept = new ArrayList<>();
    private long stride = 1;
    private long seen;

    EventSampler(int capacity) {
        if (capacity < 2) throw new IllegalArgumentException("capacity must be at least 2");
        this.capacity = capacity;
    }

    void add(T item) {
        if (seen++ % stride != 0) return;
        if (kept.size() == capacity) {
            List<T> half = new ArrayList<>(capacity);
            for (int i = 0; i < kept.size(); i += 2) half.add(kept.get(i));
            kept.clear();
            kept.addAll(half);
            stride *= 2;
            if ((seen - 1) % stride != 0) return;
        }
        kept.add(item);
    }

    List<T> items() { return List.copyOf(kept); }

    /** 1 while every item is kept; otherwise one in {@code stride} is kept. */
    long stride() { return stride; }
}
