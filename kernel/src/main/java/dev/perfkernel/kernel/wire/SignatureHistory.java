package dev.perfkernel.kernel.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signatures of messages already accepted, so a captured message sent again (a replay) is
 * refused, as jupyter_client's {@code Session} does with its digest history. Memory is bounded:
 * the oldest signatures are forgotten beyond {@link #CAPACITY} (the same 2^16 as jupyter_client),
 * each kept as its first 128 bits (about 80 bytes an entry, 5 MB at most). Thread-safe.
 */
final class SignatureHistory {
    static final int CAPACITY = 1 << 16;

    private record Key(long high, long low) {}

    private final int capacity;
    private final Map<Key, Boolean> seen;

    SignatureHistory() {
        this(CAPACITY);
    }

    SignatureHistory(int capacity) {
        this.capacity = capacity;
        this.seen = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
                return size() > SignatureHistory.this.capacity;
            }
        };
    }

    /**
     * Records a verified signature (lower-case hex).
     *
     * @return false when it was seen before: the message is a replay
     */
    synchronized boolean firstSighting(byte[] hexSignature) {
        return seen.put(key(hexSignature), Boolean.TRUE) == null;
    }

    synchronized int size() {
        return seen.size();
    }

    private static Key key(byte[] hex) {
        return new Key(bits(hex, 0), bits(hex, 16));
    }

    /** 64 bits from 16 hex digits at {@code from} (fewer digits, e.g. a short signature, read as 0). */
    private static long bits(byte[] hex, int from) {
        long v = 0;
        for (int i = from; i < from + 16; i++) {
            int d = i < hex.length ? Character.digit(hex[i], 16) : 0;
            v = (v << 4) | (d < 0 ? 0 : d);
        }
        return v;
    }
}
