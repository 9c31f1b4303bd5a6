package dev.perfkernel.kernel.wire;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec(new MessageSigner("hmac-sha256", "k"));

    @Test
    void roundTripKeepsIdentitiesContentAndBuffers() throws Exception {
        JsonObject content = new JsonObject();
        content.addProperty("code", "System.out.println(\"<b>é</b>\");");
        Message m = codec.create("execute_request", null, content, List.of(b("id-1"), b("id-2")));
        List<byte[]> frames = new ArrayList<>(codec.encode(m));
        frames.add(b("raw-buffer"));
        Message back = codec.decode(frames);
        assertEquals("execute_request", back.type());
        assertEquals(m.id(), back.id());
        assertEquals("5.3", back.header().get("version").getAsString());
        assertEquals(content, back.content());
        assertEquals(2, back.identities().size());
        assertArrayEquals(b("id-2"), back.identities().get(1));
        assertEquals(1, back.buffers().size());
        assertTrue(new String(frames.get(7), StandardCharsets.UTF_8).contains("<b>é</b>"), "no HTML escaping on the wire");
    }

    @Test
    void replyCarriesParentHeader() throws Exception {
        Message request = codec.decode(codec.encode(codec.create("kernel_info_request", null, new JsonObject(), List.of())));
        Message reply = codec.create("kernel_info_reply", request, new JsonObject(), request.identities());
        assertEquals(request.id(), reply.parentHeader().get("msg_id").getAsString());
    }

    @Test
    void rejectsBadSignature() {
        List<byte[]> frames = new ArrayList<>(codec.encode(codec.create("kernel_info_request", null, new JsonObject(), List.of())));
        frames.set(1, b("0".repeat(64)));
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> codec.decode(frames));
        assertTrue(e.getMessage().contains("signature"));
        MessageCodec otherKey = new MessageCodec(new MessageSigner("hmac-sha256", "other"));
        assertThrows(MalformedMessageException.class, () -> otherKey.decode(
                codec.encode(codec.create("kernel_info_request", null, new JsonObject(), List.of()))));
    }

    @Test
    void rejectsAReplayedMessageButNotTheSameContentSentAnew() throws Exception {
        JsonObject content = new JsonObject();
        content.addProperty("code", "1+1");
        List<byte[]> frames = codec.encode(codec.create("execute_request", null, content, List.of()));
        codec.decode(frames);
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> codec.decode(frames));
        assertTrue(e.getMessage().contains("replay"));
        codec.decode(codec.encode(codec.create("execute_request", null, content, List.of())));
    }

    @Test
    void signatureHistoryIsBounded() {
        SignatureHistory h = new SignatureHistory(3);
        byte[][] sigs = {b("a".repeat(64)), b("b".repeat(64)), b("c".repeat(64)), b("d".repeat(64))};
        for (byte[] s : sigs) assertTrue(h.firstSighting(s));
        assertEquals(3, h.size());
        assertTrue(h.firstSighting(sigs[0]), "the oldest was forgotten");
        assertEquals(false, h.firstSighting(sigs[3]));
    }

    @Test
    void rejectsMalformedFramesAndLenientJson() {
        MessageCodec unsigned = new MessageCodec(new MessageSigner("hmac-sha256", ""));
        String header = "{\"msg_id\":\"1\",\"msg_type\":\"kernel_info_request\"}";
        assertThrows(MalformedMessageException.class, () -> unsigned.decode(frames(header, "{}", "{}")));
        assertThrows(MalformedMessageException.class, () -> unsigned.decode(List.of(b(header), b("{}"))));
        for (String badContent : new String[] {"{a:1}", "{\"a\":1} trailing", "'x'", "[1]", "", "{\"a\":"}) {
            assertThrows(MalformedMessageException.class, () -> unsigned.decode(frames(header, "{}", "{}", badContent)),
                    badContent);
        }
        assertThrows(MalformedMessageException.class, () -> unsigned.decode(frames("{\"msg_id\":\"1\"}", "{}", "{}", "{}")));
    }

    private static List<byte[]> frames(String... parts) {
        List<byte[]> f = new ArrayList<>(List.of(b("<IDS|MSG>"), b("")));
        for (String p : parts) {
            f.add(b(p));
        }
        return f;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
