package dev.perfkernel.magics.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Protocol Buffers wire format, the few parts a pprof profile needs: varint fields, packed
 * repeated varints, strings and embedded messages. Written by hand because the schema is small and
 * stable, and protobuf-java (about 2 MB) would be a large dependency for it.
 */
final class ProtoWriter {
    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** An int64/uint64 field; zero is the default and is not written. */
    ProtoWriter varint(int field, long value) {
        if (value == 0) return this;
        tag(field, VARINT);
        rawVarint(value);
        return this;
    }

    /** A bool field; false is the default and is not written. */
    ProtoWriter bool(int field, boolean value) {
        return varint(field, value ? 1 : 0);
    }

    /** A repeated int64/uint64 field in packed form (proto3's default for scalars). */
    ProtoWriter packed(int field, long[] values) {
        if (values.length == 0) return this;
        ProtoWriter body = new ProtoWriter();
        for (long v : values) body.rawVarint(v);
        return bytes(field, body.toByteArray());
    }

    /** A string field, always written (the string table's first entry is the empty string). */
    ProtoWriter string(int field, String s) {
        return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    /** An embedded message. */
    ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private ProtoWriter bytes(int field, byte[] b) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(b.length);
        out.write(b, 0, b.length);
        return this;
    }

    private void tag(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    /** Base-128 varint, low groups first; negative int64 values take ten bytes, as the format says. */
    private void rawVarint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
