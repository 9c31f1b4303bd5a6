package dev.perfkernel.magics.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A reader of pprof files written for the tests from profile.proto's field numbers alone, sharing
 * no code with the writer: it accepts packed and unpacked repeated fields and skips unknown ones,
 * as any protobuf reader does, and resolves every id the way pprof does (failing on a dangling one).
 */
final class PprofDecoder {
    record Sample(List<String> functions, List<Long> lines, long[] values, Map<String, String> labels) {}

    final List<String> strings = new ArrayList<>();
    final List<String[]> sampleTypes = new ArrayList<>();
    final List<Sample> samples = new ArrayList<>();
    String[] periodType;
    long period;
    long timeNanos;
    final List<String> comments = new ArrayList<>();

    static PprofDecoder read(Path file) throws IOException {
        byte[] raw;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            raw = in.readAllBytes();
        }
        return new PprofDecoder(raw);
    }

    private PprofDecoder(byte[] raw) {
        List<long[]> types = new ArrayList<>();
        List<byte[]> sampleMsgs = new ArrayList<>();
        Map<Long, long[]> locationFunctionLine = new HashMap<>();   // location id -> {function id, line}
        Map<Long, Long> functionName = new HashMap<>();
        long[] periodTypeIds = null;
        List<Long> commentIds = new ArrayList<>();
        Reader r = new Reader(raw);
        while (r.more()) {
            long tag = r.varint();
            int field = (int) (tag >>> 3), wire = (int) (tag & 7);
            switch (field) {
                case 1 -> types.add(valueType(r.bytes()));
                case 2 -> sampleMsgs.add(r.bytes());
                case 4 -> {
                    Reader l = new Reader(r.bytes());
                    long id = 0, fn = 0, line = 0;
                    while (l.more()) {
                        long t = l.varint();
                        if ((t >>> 3) == 1) id = l.varint();
                        else if ((t >>> 3) == 4) {
                            Reader ln = new Reader(l.bytes());
                            while (ln.more()) {
                                long lt = ln.varint();
                                if ((lt >>> 3) == 1) fn = ln.varint();
                                else if ((lt >>> 3) == 2) line = ln.varint();
                                else ln.skip((int) (lt & 7));
                            }
                        } else l.skip((int) (t & 7));
                    }
                    locationFunctionLine.put(id, new long[] {fn, line});
                }
                case 5 -> {
                    Reader f = new Reader(r.bytes());
                    long id = 0, name = 0;
                    while (f.more()) {
                        long t = f.varint();
                        if ((t >>> 3) == 1) id = f.varint();
                        else if ((t >>> 3) == 2) name = f.varint();
                        else f.skip((int) (t & 7));
                    }
                    functionName.put(id, name);
                }
                case 6 -> strings.add(new String(r.bytes(), StandardCharsets.UTF_8));
                case 9 -> timeNanos = r.varint();
                case 11 -> periodTypeIds = valueType(r.bytes());
                case 12 -> period = r.varint();
                case 13 -> commentIds.addAll(r.repeated(wire));
                default -> r.skip(wire);
            }
        }
        if (strings.isEmpty() || !strings.get(0).isEmpty()) throw new IllegalStateException("string_table[0] is not \"\"");
        for (long[] t : types) sampleTypes.add(new String[] {str(t[0]), str(t[1])});
        if (periodTypeIds != null) periodType = new String[] {str(periodTypeIds[0]), str(periodTypeIds[1])};
        for (long c : commentIds) comments.add(str(c));
        for (byte[] m : sampleMsgs) {
            Reader s = new Reader(m);
            List<Long> locs = new ArrayList<>();
            List<Long> values = new ArrayList<>();
            Map<String, String> labels = new HashMap<>();
            while (s.more()) {
                long t = s.varint();
                int f = (int) (t >>> 3), w = (int) (t & 7);
                if (f == 1) locs.addAll(s.repeated(w));
                else if (f == 2) values.addAll(s.repeated(w));
                else if (f == 3) {
                    Reader lab = new Reader(s.bytes());
                    long key = 0, val = 0;
                    while (lab.more()) {
                        long lt = lab.varint();
                        if ((lt >>> 3) == 1) key = lab.varint();
                        else if ((lt >>> 3) == 2) val = lab.varint();
                        else lab.skip((int) (lt & 7));
                    }
                    labels.put(str(key), str(val));
                } else s.skip(w);
            }
            List<String> fns = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            for (long id : locs) {
                long[] fl = locationFunctionLine.get(id);
                if (fl == null) throw new IllegalStateException("dangling location id " + id);
                Long name = functionName.get(fl[0]);
                if (name == null) throw new IllegalStateException("dangling function id " + fl[0]);
                fns.add(str(name));
                lines.add(fl[1]);
            }
            samples.add(new Sample(fns, lines, values.stream().mapToLong(Long::longValue).toArray(), labels));
        }
    }

    long total(int valueIndex) {
        return samples.stream().mapToLong(s -> s.values()[valueIndex]).sum();
    }

    private String str(long id) {
        if (id < 0 || id >= strings.size()) throw new IllegalStateException("dangling string id " + id);
        return strings.get((int) id);
    }

    private static long[] valueType(byte[] b) {
        Reader r = new Reader(b);
        long[] out = new long[2];
        while (r.more()) {
            long t = r.varint();
            int f = (int) (t >>> 3);
            if (f == 1 || f == 2) out[f - 1] = r.varint();
            else r.skip((int) (t & 7));
        }
        return out;
    }

    /** Raw wire-format cursor. */
    private static final class Reader {
        private final byte[] b;
        private int pos;

        Reader(byte[] b) {
            this.b = b;
        }

        boolean more() {
            return pos < b.length;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte x = b[pos++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) return v;
            }
        }

        byte[] bytes() {
            int n = (int) varint();
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        /** A repeated varint field, packed (wire type 2) or one value (wire type 0). */
        List<Long> repeated(int wire) {
            List<Long> out = new ArrayList<>();
            if (wire == 0) {
                out.add(varint());
            } else {
                Reader p = new Reader(bytes());
                while (p.more()) out.add(p.varint());
            }
            return out;
        }

        void skip(int wire) {
            switch (wire) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> bytes();
                case 5 -> pos += 4;
                default -> throw new IllegalStateException("wire type " + wire);
            }
        }
    }

}
