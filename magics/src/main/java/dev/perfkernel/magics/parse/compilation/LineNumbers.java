package dev.perfkernel.magics.parse.compilation;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The bytecode-index to source-line tables of one class file. LogCompilation names positions
 * as {@code bci}s only; the harness's class files are at hand (we compiled them), so a small
 * reader of the {@code LineNumberTable} attribute is cheaper and steadier than forking javap.
 */
public final class LineNumbers {

    private final Map<String, NavigableMap<Integer, Integer>> byMethod;

    private LineNumbers(Map<String, NavigableMap<Integer, Integer>> byMethod) {
        this.byMethod = byMethod;
    }

    /** Line of {@code bci} in method {@code name} + {@code descriptor} (descriptor may be empty: first by name). */
    public Optional<Integer> line(String name, String descriptor, int bci) {
        NavigableMap<Integer, Integer> table = byMethod.get(name + descriptor);
        if (table == null && (descriptor == null || descriptor.isEmpty())) {
            for (Map.Entry<String, NavigableMap<Integer, Integer>> e : byMethod.entrySet()) {
                if (e.getKey().startsWith(name + "(")) {
                    table = e.getValue();
                    break;
                }
            }
        }
        if (table == null || table.isEmpty()) return Optional.empty();
        Map.Entry<Integer, Integer> e = table.floorEntry(Math.max(bci, 0));
        return Optional.of(e != null ? e.getValue() : table.firstEntry().getValue());
    }

    /** Reads a class file; a malformed one gives an empty table rather than an error. */
    public static LineNumbers read(byte[] classFile) {
        Map<String, NavigableMap<Integer, Integer>> out = new HashMap<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) return new LineNumbers(out);
            in.readUnsignedShort();
            in.readUnsignedShort();
            int cpCount = in.readUnsignedShort();
            String[] utf8 = new String[cpCount];
            for (int i = 1; i < cpCount; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 3, 4 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++; // long and double take two slots
                    }
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 15 -> in.skipNBytes(3);
                    default -> {
                        return new LineNumbers(out);
                    }
                }
            }
            in.skipNBytes(6); // access, this, super
            in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
            int fields = in.readUnsignedShort();
            for (int i = 0; i < fields; i++) {
                in.skipNBytes(6);
                skipAttributes(in);
            }
            int methods = in.readUnsignedShort();
            for (int i = 0; i < methods; i++) {
                in.skipNBytes(2);
                String name = utf8[in.readUnsignedShort()];
                String desc = utf8[in.readUnsignedShort()];
                NavigableMap<Integer, Integer> table = new TreeMap<>();
                int attrs = in.readUnsignedShort();
                for (int a = 0; a < attrs; a++) {
                    String an = utf8[in.readUnsignedShort()];
                    int len = in.readInt();
                    if ("Code".equals(an)) {
                        in.skipNBytes(4);
                        in.skipNBytes(in.readInt());
                        in.skipNBytes(8L * in.readUnsignedShort());
                        int codeAttrs = in.readUnsignedShort();
                        for (int c = 0; c < codeAttrs; c++) {
                            String cn = utf8[in.readUnsignedShort()];
                            int clen = in.readInt();
                            if ("LineNumberTable".equals(cn)) {
                                int n = in.readUnsignedShort();
                                for (int k = 0; k < n; k++) {
                                    int pc = in.readUnsignedShort();
                                    int line = in.readUnsignedShort();
                                    table.putIfAbsent(pc, line);
                                }
                            } else {
                                in.skipNBytes(clen);
                            }
                        }
                    } else {
                        in.skipNBytes(len);
                    }
                }
                out.put(name + desc, table);
            }
        } catch (IOException | RuntimeException e) {
            // keep what was read
        }
        return new LineNumbers(out);
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        for (int i = 0; i < n; i++) {
            in.skipNBytes(2);
            in.skipNBytes(in.readInt());
        }
    }
}
