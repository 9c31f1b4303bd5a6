package dev.perfkernel.kernel.wire;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.channels.ReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.kernel.comm.Comm;
import io.github.spencerpark.jupyter.kernel.comm.CommManager;
import io.github.spencerpark.jupyter.messages.ContentType;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.KernelTimestamp;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.comm.CommCloseCommand;
import io.github.spencerpark.jupyter.messages.comm.CommMsgCommand;
import io.github.spencerpark.jupyter.messages.comm.CommOpenCommand;
import io.github.spencerpark.jupyter.messages.reply.ErrorReply;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Comms ({@code comm_open}, {@code comm_msg}, {@code comm_close}, {@code comm_info_request})
 * through basekernel's {@link CommManager}, which keeps the open comms and the registered
 * targets and calls them. Two adapters join it to this kernel's own sockets: basekernel's
 * messages are rebuilt from ours on the way in, and what it publishes (through a
 * {@link JupyterSocket}, which it insists on) goes out through {@link IopubPublisher}, so the
 * kernel's signing and send lock are used, not basekernel's. Runs on the shell thread; a comm
 * may send from any thread.
 */
final class Comms {
    private static final Gson GSON = new Gson();

    private final CommManager manager = new CommManager();
    private final IopubBridge bridge;

    Comms(ZMQ.Context context, IopubPublisher iopub) {
        this.bridge = new IopubBridge(context, iopub);
        manager.setIOPubChannel(bridge);
    }

    /** Where comm targets are registered ({@code registerTarget(name, target)}). */
    CommManager manager() {
        return manager;
    }

    /** A comm message from the front end. An unknown target gets a comm_close, as the protocol asks. */
    void handle(Message m) {
        String id = m.string("comm_id", "");
        Env env = new Env(m);
        switch (m.type()) {
            case "comm_open" -> {
                var msg = wrap(m, MessageType.COMM_OPEN_COMMAND,
                        new CommOpenCommand(id, m.string("target_name", ""), data(m)));
                manager.setMessageContext(msg);
                manager.handleCommOpenCommand(env, msg);
            }
            case "comm_msg" -> {
                var msg = wrap(m, MessageType.COMM_MSG_COMMAND, new CommMsgCommand(id, data(m)));
                manager.setMessageContext(msg);
                if (manager.getCommByID(id) == null) WireLog.warn("comm_msg for unknown comm " + id);
                manager.handleCommMsgCommand(env, msg);
            }
            case "comm_close" -> {
                var msg = wrap(m, MessageType.COMM_CLOSE_COMMAND, new CommCloseCommand(id, data(m)));
                manager.setMessageContext(msg);
                manager.handleCommCloseCommand(env, msg);
            }
            default -> throw new IllegalArgumentException("not a comm message: " + m.type());
        }
    }

    /** The {@code comms} of a comm_info_reply: open comms, of one target when {@code targetName} is given. */
    JsonObject info(String targetName) {
        JsonObject comms = new JsonObject();
        for (Comm c : manager) {
            if (targetName == null || targetName.equals(c.getTargetName())) {
                JsonObject o = new JsonObject();
                o.addProperty("target_name", c.getTargetName());
                comms.add(c.getID(), o);
            }
        }
        return comms;
    }

    void close() {
        bridge.close();
    }

    private static JsonObject data(Message m) {
        JsonElement d = m.content().get("data");
        return d != null && d.isJsonObject() ? d.getAsJsonObject() : new JsonObject();
    }

    /** Our message as basekernel's, with the same identities, header and parent. */
    private static <T> io.github.spencerpark.jupyter.messages.Message<T> wrap(Message m, MessageType<T> type, T content) {
        Header<T> header = new Header<>(m.id(), str(m.header(), "username"), str(m.header(), "session"),
                KernelTimestamp.now(), type, str(m.header(), "version"));
        Header<?> parent = m.parentHeader().has("msg_id")
                ? new Header<>(str(m.parentHeader(), "msg_id"), str(m.parentHeader(), "username"),
                str(m.parentHeader(), "session"), KernelTimestamp.now(),
                MessageType.getType(str(m.parentHeader(), "msg_type")), str(m.parentHeader(), "version"))
                : null;
        return new io.github.spencerpark.jupyter.messages.Message<>(m.identities(), header, parent,
                Map.of(), content, m.buffers());
    }

    private static String str(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }

    private static JsonObject headerJson(Header<?> h) {
        JsonObject o = new JsonObject();
        if (h == null) return o;
        o.addProperty("msg_id", h.getId());
        o.addProperty("username", h.getUsername());
        o.addProperty("session", h.getSessionId());
        o.addProperty("date", h.getTimestamp() == null ? "" : h.getTimestamp().getDateString());
        o.addProperty("msg_type", h.getType() == null ? "" : h.getType().getName());
        o.addProperty("version", h.getVersion());
        return o;
    }

    /**
     * The iopub socket basekernel's CommManager wants. Everything it sends is re-sent through
     * {@link IopubPublisher}; the ZeroMQ socket the superclass makes is never bound or used.
     */
    private static final class IopubBridge extends JupyterSocket {
        private final IopubPublisher iopub;

        IopubBridge(ZMQ.Context context, IopubPublisher iopub) {
            super(context, SocketType.PUB, HMACGenerator.NO_AUTH_INSTANCE, Logger.getLogger("perfkernel.comms"));
            this.iopub = iopub;
        }

        @Override
        public void bind(KernelConnectionProperties connProps) {
            throw new UnsupportedOperationException("the comm bridge is not a socket of its own");
        }

        @Override
        public synchronized void sendMessage(io.github.spencerpark.jupyter.messages.Message<?> message) {
            JsonElement content = GSON.toJsonTree(message.getContent());
            iopub.publish(message.getHeader().getType().getName(), headerJson(message.getParentHeader()),
                    content.isJsonObject() ? content.getAsJsonObject() : new JsonObject(), message.getBlobs());
        }
    }

    /** What basekernel's handlers may do while handling one comm message: publish on iopub. */
    private final class Env implements ReplyEnvironment {
        private final Message request;

        Env(Message request) {
            this.request = request;
        }

        @Override
        public void publish(io.github.spencerpark.jupyter.messages.Message<?> message) {
            bridge.sendMessage(message);
        }

        @Override
        public <T extends ContentType<T>> void publish(T content) {
            JsonElement c = GSON.toJsonTree(content);
            bridge.iopub.publish(content.getType().getName(), request.header(),
                    c.isJsonObject() ? c.getAsJsonObject() : new JsonObject(), List.of());
        }

        @Override
        public void reply(io.github.spencerpark.jupyter.messages.Message<?> message) {
            WireLog.warn("a comm handler tried to reply to " + request.type() + "; comm messages have no reply");
        }

        @Override
        public <T extends ContentType<T>> void reply(T content) {
            WireLog.warn("a comm handler tried to reply to " + request.type() + "; comm messages have no reply");
        }

        @Override
        public void replyError(MessageType<?> type, ErrorReply error) {
            WireLog.warn("a comm handler failed on " + request.type());
        }

        @Override
        public ReplyEnvironment defer() {
            return this;
        }

        @Override
        public void defer(Runnable action) {
            action.run();
        }

        @Override
        public void resolveDeferrals() {
        }

        // The shell loop already wraps every message in busy/idle.
        @Override
        public void setStatusBusy() {
        }

        @Override
        public void setStatusIdle() {
        }

        @Override
        public void setBusyDeferIdle() {
        }
    }
}
