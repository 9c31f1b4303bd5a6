package dev.perfkernel.kernel.wire;

import com.google.gson.JsonObject;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The PUB socket. Any thread may publish; sends are serialised because sockets are not thread-safe. */
final class IopubPublisher {

    private final ZMQ.Socket socket;
    private final MessageCodec codec;

    IopubPublisher(ZMQ.Socket socket, MessageCodec codec) {
        this.socket = socket;
        this.codec = codec;
    }

    void publish(String type, Message parent, JsonObject content) {
        // The topic frame lets subscribers filter; jupyter_client subscribes to everything.
        Message m = codec.create(type, parent, content, List.of(("kernel." + codec.session() + "." + type)
                .getBytes(StandardCharsets.UTF_8)));
        send(codec.encode(m));
    }

    /** Publishes with a parent given as its header, and raw buffers (comms). */
    void publish(String type, JsonObject parentHeader, JsonObject content, List<byte[]> buffers) {
        Message shell = codec.create(type, null, content, List.of(("kernel." + codec.session() + "." + type)
                .getBytes(StandardCharsets.UTF_8)));
        Message m = new Message(shell.identities(), shell.header(), parentHeader == null ? new JsonObject() : parentHeader,
                shell.metadata(), content, buffers == null ? List.of() : buffers);
        send(codec.encode(m));
    }

    private void send(List<byte[]> frames) {
        synchronized (this) {
            for (int i = 0; i < frames.size() - 1; i++) {
                socket.sendMore(frames.get(i));
            }
            socket.send(frames.get(frames.size() - 1), 0);
        }
    }

    synchronized void close() {
        RequestChannel.closeQuietly(socket);
    }

    void status(String state, Message parent) {
        JsonObject c = new JsonObject();
        c.addProperty("execution_state", state);
        publish("status", parent, c);
    }
}
