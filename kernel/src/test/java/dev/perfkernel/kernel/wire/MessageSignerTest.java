package dev.perfkernel.kernel.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageSignerTest {

    private static final List<byte[]> PARTS = List.of(b("{\"msg_id\":\"1\"}"), b("{}"), b("{}"), b("{\"a\":1}"));
    // Computed with Python: hmac.new(b'secret-key', digestmod=sha256) over the four parts.
    private static final String PYTHON_HMAC = "8c73e37ebbfc320259546f3f9d61527537feae79826c64217ae0b126ba42ec83";

    @Test
    void signsLikePythonsHmac() {
        MessageSigner s = new MessageSigner("hmac-sha256", "secret-key");
        assertEquals(PYTHON_HMAC, s.sign(PARTS));
        assertEquals(PYTHON_HMAC, s.sign(PARTS), "a second use of the thread's Mac starts fresh");
    }

    @Test
    void verifiesOnlyTheExactSignature() {
        MessageSigner s = new MessageSigner("hmac-sha256", "secret-key");
        assertTrue(s.verify(b(PYTHON_HMAC), PARTS));
        assertFalse(s.verify(b(PYTHON_HMAC.substring(0, 63) + "0"), PARTS));
        assertFalse(s.verify(b(PYTHON_HMAC.toUpperCase()), PARTS));
        assertFalse(s.verify(b(PYTHON_HMAC.substring(0, 10)), PARTS));
        assertFalse(s.verify(new byte[0], PARTS));
        assertFalse(new MessageSigner("hmac-sha256", "other-key").verify(b(PYTHON_HMAC), PARTS));
    }

    @Test
    void emptyKeyMeansNoSigning() {
        MessageSigner s = new MessageSigner("hmac-sha256", "");
        assertFalse(s.enabled());
        assertEquals("", s.sign(PARTS));
        assertTrue(s.verify(new byte[0], PARTS));
    }

    @Test
    void otherDigestsAndBadSchemes() {
        assertEquals(128, new MessageSigner("hmac-sha512", "k").sign(PARTS).length());
        assertThrows(IllegalArgumentException.class, () -> new MessageSigner("rsa-sha256", "k"));
        assertThrows(IllegalArgumentException.class, () -> new MessageSigner("hmac-nosuchdigest", "k"));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
