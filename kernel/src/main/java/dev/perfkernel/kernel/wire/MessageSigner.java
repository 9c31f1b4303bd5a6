package dev.perfkernel.kernel.wire;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * HMAC signatures of Jupyter messages (over header, parent_header, metadata, content).
 * An empty key means messages are neither signed nor checked, as the protocol says.
 */
public final class MessageSigner {

    private final SecretKeySpec key;
    private final String algorithm;
    // Mac is not thread-safe and is used by several channel threads.
    private final ThreadLocal<Mac> macs;

    public MessageSigner(String scheme, String key) {
        if (key == null || key.isEmpty()) {
            this.key = null;
            this.algorithm = null;
            this.macs = null;
            return;
        }
        this.algorithm = algorithmOf(scheme);
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm);
        this.macs = ThreadLocal.withInitial(this::newMac);
        newMac(); // fail now, not on the first message, if the scheme is unusable
    }

    public boolean enabled() {
        return key != null;
    }

    /** Lower-case hex signature of the four parts, or "" when signing is off. */
    public String sign(List<byte[]> parts) {
        if (key == null) {
            return "";
        }
        Mac mac = macs.get();
        for (byte[] p : parts) {
            mac.update(p);
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /** Constant-time check of a received signature. */
    public boolean verify(byte[] signature, List<byte[]> parts) {
        if (key == null) {
            return true;
        }
        byte[] expected = sign(parts).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable signature scheme " + algorithm + ": " + e.getMessage(), e);
        }
    }

    private static String algorithmOf(String scheme) {
        String s = scheme == null ? "hmac-sha256" : scheme.toLowerCase(java.util.Locale.ROOT);
        if (!s.startsWith("hmac-")) {
            throw new IllegalArgumentException("unsupported signature_scheme '" + scheme + "' (expected hmac-<digest>)");
        }
        return "Hmac" + s.substring(5).replace("-", "").toUpperCase(java.util.Locale.ROOT);
    }
}
