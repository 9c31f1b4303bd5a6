package dev.perfkernel.kernel.wire;

import com.google.gson.JsonObject;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A minimal Jupyter front end on JeroMQ, for testing the kernel's sockets in-process. */
final class WireClient implements AutoCloseable {

    final ConnectionInfo info;
    final MessageCodec codec;
    private final ZContext context = new ZContext(1);
    final ZMQ.Socket shell;
    final ZMQ.Socket control;
    final ZMQ.Socket stdin;
    final ZMQ.Socket iopub;
    final ZMQ.Socket heartbeat;

    WireClient(ConnectionInfo info) {
        this.info = info;
        this.codec = new MessageCodec(new MessageSigner(info.signatureScheme(), info.key()));
        byte[] identity = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        shell = connect(SocketType.DEALER, info.shellPort(), identity);
        control = connect(SocketType.DEALER, info.controlPort(), identity);
        stdin = connect(SocketType.DEALER, info.stdinPort(), identity);
        iopub = connect(SocketType.SUB, info.iopubPort(), null);
        iopub.subscribe(new byte[0]);
        heartbeat = connect(SocketType.REQ, info.hbPort(), null);
    }

    static ConnectionInfo freeConnection(String key) throws IOException {
        int[] ports = new int[5];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < ports.length; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return new ConnectionInfo("tcp", "127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4], "hmac-sha256", key);
    }

    private ZMQ.Socket connect(SocketType type, int port, byte[] identity) {
        ZMQ.Socket s = context.createSocket(type);
        s.setLinger(0);
        s.setReceiveTimeOut(5000);
        if (identity != null) {
            s.setIdentity(identity);
        }
        s.connect(info.endpoint(port));
        return s;
    }

    Message send(ZMQ.Socket socket, String type, JsonObject content) {
        Message m = codec.create(type, null, content, List.of());
        sendFrames(socket, codec.encode(m));
        return m;
    }

    static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size() - 1; i++) {
            socket.sendMore(frames.get(i));
        }
        socket.send(frames.get(frames.size() - 1), 0);
    }

    /** Next message on the socket, or null after its receive timeout. */
    Message receive(ZMQ.Socket socket) throws MalformedMessageException {
        byte[] first = socket.recv(0);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return codec.decode(frames);
    }

    /** Iopub messages whose parent is {@code request}, up to and including status idle. */
    List<Message> iopubOf(Message request) throws MalformedMessageException {
        List<Message> out = new ArrayList<>();
        while (true) {
            Message m = receive(iopub);
            if (m == null) {
                throw new AssertionError("no idle status for " + request.type() + "; got " + types(out));
            }
            if (!request.id().equals(m.parentHeader().has("msg_id") ? m.parentHeader().get("msg_id").getAsString() : "")) {
                continue;
            }
            out.add(m);
            if (m.type().equals("status") && m.content().get("execution_state").getAsString().equals("idle")) {
                return out;
            }
        }
    }

    static List<String> types(List<Message> ms) {
        List<String> t = new ArrayList<>();
        ms.forEach(m -> t.add(m.type().equals("status") ? "status:" + m.content().get("execution_state").getAsString() : m.type()));
        return t;
    }

    @Override
    public void close() {
        context.close();
    }
}
