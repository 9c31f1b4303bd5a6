package dev.perfkernel.kernel.wire;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Converts between ZeroMQ frames and {@link Message}s:
 * {@code [identities..., "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers...]}.
 */
public final class MessageCodec {

    public static final String PROTOCOL_VERSION = "5.3";
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    private final MessageSigner signer;
    private final SignatureHistory signatures = new SignatureHistory();
    private final String session = UUID.randomUUID().toString();
    private final Gson gson = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    // Gson parses leniently by default ({a:1}, 'x', trailing junk): refuse that on the wire.
    private static final Gson STRICT = new GsonBuilder().setStrictness(Strictness.STRICT).create();

    public MessageCodec(MessageSigner signer) {
        this.signer = signer;
    }

    /** The kernel's session id, put in the header of every message it sends. */
    public String session() {
        return session;
    }

    public Message decode(List<byte[]> frames) throws MalformedMessageException {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (java.util.Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0) {
            throw new MalformedMessageException("no <IDS|MSG> delimiter among " + frames.size() + " frames");
        }
        if (frames.size() < delimiter + 6) {
            throw new MalformedMessageException("only " + (frames.size() - delimiter - 1)
                    + " frames after the delimiter, expected signature and 4 JSON parts");
        }
        List<byte[]> signed = frames.subList(delimiter + 2, delimiter + 6);
        if (!signer.verify(frames.get(delimiter + 1), signed)) {
            throw new MalformedMessageException("bad HMAC signature");
        }
        if (signer.enabled() && !signatures.firstSighting(frames.get(delimiter + 1))) {
            throw new MalformedMessageException("replayed message: its signature was seen before");
        }
        JsonObject header = object(signed.get(0), "header");
        if (!header.has("msg_type") || !header.has("msg_id")) {
            throw new MalformedMessageException("header without msg_type or msg_id");
        }
        return new Message(List.copyOf(frames.subList(0, delimiter)), header,
                object(signed.get(1), "parent_header"), object(signed.get(2), "metadata"),
                object(signed.get(3), "content"), List.copyOf(frames.subList(delimiter + 6, frames.size())));
    }

    public List<byte[]> encode(Message m) {
        List<byte[]> parts = List.of(bytes(m.header()), bytes(m.parentHeader()), bytes(m.metadata()), bytes(m.content()));
        List<byte[]> frames = new ArrayList<>(m.identities().size() + 6 + m.buffers().size());
        frames.addAll(m.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(parts).getBytes(StandardCharsets.US_ASCII));
        frames.addAll(parts);
        frames.addAll(m.buffers());
        return frames;
    }

    /** A new message of {@code type}, answering {@code parent} (may be null), to {@code identities}. */
    public Message create(String type, Message parent, JsonObject content, List<byte[]> identities) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", UUID.randomUUID().toString());
        header.addProperty("session", session);
        header.addProperty("username", "perfkernel");
        header.addProperty("date", Instant.now().toString());
        header.addProperty("msg_type", type);
        header.addProperty("version", PROTOCOL_VERSION);
        JsonObject parentHeader = parent == null ? new JsonObject() : parent.header();
        return new Message(identities, header, parentHeader, new JsonObject(), content, List.of());
    }

    private byte[] bytes(JsonObject o) {
        return gson.toJson(o).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject object(byte[] frame, String what) throws MalformedMessageException {
        try {
            JsonElement e = STRICT.fromJson(new String(frame, StandardCharsets.UTF_8), JsonElement.class);
            if (e == null || !e.isJsonObject()) {
                throw new MalformedMessageException(what + " is not a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new MalformedMessageException(what + " is not valid JSON: " + e.getMessage());
        }
    }
}
