package dev.perfkernel.kernel.wire;

import com.google.gson.JsonObject;
import org.zeromq.ZMQ;

import java.util.ArrayList;
import java.util.List;

/**
 * The stdin ROUTER socket: asks the front end for a line of input on behalf of a running cell.
 * One request at a time; a wait ends when the reply comes, or on interrupt or shutdown.
 */
final class StdinChannel {

    private static final int CANCEL_CHECK_MS = 200;

    private final ZMQ.Socket socket;
    private final MessageCodec codec;
    private volatile long cancelGeneration;

    StdinChannel(ZMQ.Socket socket, MessageCodec codec) {
        this.socket = socket;
        this.codec = codec;
        socket.setReceiveTimeOut(CANCEL_CHECK_MS);
    }

    /** Ends any wait in progress (interrupt_request, shutdown). */
    void cancel() {
        cancelGeneration++;
    }

    synchronized void close() {
        RequestChannel.closeQuietly(socket);
    }

    /** @return the line typed, or null when the wait was cancelled */
    synchronized String read(Message parent, String prompt, boolean password) {
        long generation = cancelGeneration;
        while (receive(ZMQ.DONTWAIT) != null) {
            // Replies to earlier, abandoned requests. Not waited for: a blocking drain cost
            // every read the 200 ms receive time-out.
        }
        JsonObject c = new JsonObject();
        c.addProperty("prompt", prompt == null ? "" : prompt);
        c.addProperty("password", password);
        send(codec.create("input_request", parent, c, parent.identities()));
        while (generation == cancelGeneration) {
            List<byte[]> frames = receive(0); // returns null after CANCEL_CHECK_MS
            if (frames == null) {
                continue;
            }
            try {
                Message reply = codec.decode(frames);
                if ("input_reply".equals(reply.type())) {
                    return reply.string("value", "");
                }
                WireLog.warn("ignored " + reply.type() + " on stdin");
            } catch (MalformedMessageException e) {
                WireLog.warn("dropped a message on stdin: " + e.getMessage());
            }
        }
        return null;
    }

    private void send(Message m) {
        List<byte[]> frames = codec.encode(m);
        for (int i = 0; i < frames.size() - 1; i++) {
            socket.sendMore(frames.get(i));
        }
        socket.send(frames.get(frames.size() - 1), 0);
    }

    private List<byte[]> receive(int flags) {
        byte[] first = socket.recv(flags);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }
}
