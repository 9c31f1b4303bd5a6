package dev.perfkernel.kernel.wire;

import org.zeromq.ZMQ;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A ROUTER socket (shell or control) served by one thread: blocking receives, no polling
 * delay. Frames that cannot be decoded are logged and dropped; the loop never dies of them.
 * Replies must be sent from the serving thread (ZeroMQ sockets are single-threaded).
 */
final class RequestChannel {

    private static final int MAX_CONSECUTIVE_FAILURES = 100;

    private final String name;
    private final ZMQ.Socket socket;
    private final MessageCodec codec;

    RequestChannel(String name, ZMQ.Socket socket, MessageCodec codec) {
        this.name = name;
        this.socket = socket;
        this.codec = codec;
    }

    String name() {
        return name;
    }

    /**
     * Serves messages until the context is closed (or the socket keeps failing); runs on the
     * calling thread.
     */
    void serve(Consumer<Message> handler, BooleanSupplier closing) {
        int failures = 0;
        while (!Thread.currentThread().isInterrupted()) {
            List<byte[]> frames;
            try {
                frames = receive(0);
                failures = 0;
            } catch (RuntimeException e) {
                if (closing.getAsBoolean() || ++failures > MAX_CONSECUTIVE_FAILURES) {
                    closeQuietly(socket);
                    return;
                }
                WireLog.warn("receive failed on " + name, e);
                continue;
            }
            if (frames != null) {
                dispatch(frames, handler);
            }
        }
    }

    /** Handles every message already queued on the socket, without waiting for more. */
    void drainQueued(Consumer<Message> handler) {
        List<byte[]> frames;
        while ((frames = receive(ZMQ.DONTWAIT)) != null) {
            dispatch(frames, handler);
        }
    }

    void send(Message m) {
        List<byte[]> frames = codec.encode(m);
        for (int i = 0; i < frames.size() - 1; i++) {
            socket.sendMore(frames.get(i));
        }
        socket.send(frames.get(frames.size() - 1), 0);
    }

    private void dispatch(List<byte[]> frames, Consumer<Message> handler) {
        Message m;
        try {
            m = codec.decode(frames);
        } catch (MalformedMessageException e) {
            WireLog.warn("dropped a message on " + name + ": " + e.getMessage());
            return;
        }
        try {
            handler.accept(m);
        } catch (RuntimeException | StackOverflowError e) {
            WireLog.warn("handling " + m.type() + " on " + name + " failed", e);
        }
    }

    static void closeQuietly(ZMQ.Socket socket) {
        try {
            socket.setLinger(0);
            socket.close();
        } catch (RuntimeException e) {
            // already closed or context gone
        }
    }

    private List<byte[]> receive(int flags) {
        byte[] first = socket.recv(flags);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>(8);
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }
}
