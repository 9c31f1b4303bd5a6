package dev.perfkernel.kernel.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The Jupyter side of the kernel: binds the five sockets, serves shell requests one at a time on
 * the shell thread and control requests on their own thread (so interrupt and shutdown are
 * answered while a cell runs), wraps each request in busy/idle status, and answers every
 * {@code *_request}, with an error reply when it cannot serve it.
 */
public final class KernelServer implements AutoCloseable {

    private final ConnectionInfo info;
    private final KernelLifecycle lifecycle;
    private final ZMQ.Context context = ZMQ.context(1);
    private final MessageCodec codec;
    private final IopubPublisher iopub;
    private final RequestChannel shell;
    private final RequestChannel control;
    private final StdinChannel stdin;
    private final ZMQ.Socket heartbeat;
    private final CompletableFuture<LanguageBackend> backend = new CompletableFuture<>();
    private final ExecutionHistory history = new ExecutionHistory();
    private final ExecuteHandler executor;
    private final Comms comms;
    private final Thread shellThread;
    private final AtomicBoolean closing = new AtomicBoolean();

    private KernelServer(ConnectionInfo info, KernelLifecycle lifecycle) {
        this.info = info;
        this.lifecycle = lifecycle;
        this.codec = new MessageCodec(new MessageSigner(info.signatureScheme(), info.key()));
        this.iopub = new IopubPublisher(bind(SocketType.PUB, info.iopubPort()), codec);
        this.shell = new RequestChannel("shell", bind(SocketType.ROUTER, info.shellPort()), codec);
        this.control = new RequestChannel("control", bind(SocketType.ROUTER, info.controlPort()), codec);
        this.stdin = new StdinChannel(bind(SocketType.ROUTER, info.stdinPort()), codec);
        this.heartbeat = bind(SocketType.REP, info.hbPort());
        this.executor = new ExecuteHandler(iopub, stdin, history, this::backend);
        this.comms = new Comms(context, iopub);
        this.shellThread = new Thread(() -> shell.serve(m -> handle(shell, m), closing::get), "perfkernel-shell");
    }

    /**
     * Binds the sockets and starts serving. The backend is built on its own thread meanwhile, so
     * the sockets are up (and kernel_info can be answered) as early as possible.
     */
    public static KernelServer start(ConnectionInfo info, Supplier<LanguageBackend> backendFactory,
                                     KernelLifecycle lifecycle) {
        KernelServer server = new KernelServer(info, lifecycle);
        Thread builder = new Thread(() -> {
            try {
                LanguageBackend b = backendFactory.get();
                lifecycle.setBackend(b);
                server.backend.complete(b);
                StartupTrace.mark("backend constructed");
            } catch (RuntimeException | Error e) {
                WireLog.warn("the language backend failed to start", e);
                server.backend.completeExceptionally(e);
            }
        }, "perfkernel-backend-start");
        builder.setDaemon(true);
        builder.start();
        server.startThreads();
        StartupTrace.mark("sockets bound, serving");
        return server;
    }

    private void startThreads() {
        iopub.status("starting", null);
        daemon(new Heartbeat(heartbeat), "perfkernel-heartbeat").start();
        daemon(() -> control.serve(m -> handle(control, m), closing::get), "perfkernel-control").start();
        shellThread.start();
    }

    /** Blocks until the shell thread ends, which happens only when serving failed for good. */
    public void awaitTermination() throws InterruptedException {
        shellThread.join();
    }

    /** Stops serving (for tests; the kernel process itself exits through {@link KernelLifecycle}). */
    @Override
    public void close() {
        closing.set(true);
        stdin.cancel();
        comms.close();
        iopub.close();
        stdin.close();
        // term() wakes the blocked channel threads (ETERM); each closes its own socket, since
        // ZeroMQ sockets must not be closed from a thread other than their user's.
        context.term();
    }

    LanguageBackend backend() {
        try {
            return backend.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the language backend failed to start: " + e.getCause(), e.getCause());
        }
    }

    private void handle(RequestChannel channel, Message m) {
        String type = m.type();
        iopub.status("busy", m);
        boolean abortQueued = false;
        boolean shutdown = false;
        List<Message> queued = new ArrayList<>();
        try {
            JsonObject reply;
            try {
                switch (type) {
                    case "execute_request" -> {
                        if (channel != shell) {
                            reply = errorContent("WrongChannel", "execute_request is served on the shell channel only");
                        } else {
                            ExecuteHandler.Result r = executor.execute(m);
                            reply = r.reply();
                            abortQueued = r.abortQueued();
                        }
                    }
                    case "kernel_info_request" -> reply = kernelInfo();
                    case "complete_request" -> reply = complete(m);
                    case "inspect_request" -> reply = inspect(m);
                    case "is_complete_request" -> reply = isComplete(m);
                    case "history_request" -> reply = history(m);
                    case "connect_request" -> reply = connectInfo();
                    case "comm_info_request" -> {
                        reply = ok();
                        reply.add("comms", comms.info(m.string("target_name", null)));
                    }
                    case "interrupt_request" -> {
                        stdin.cancel();
                        backend().interrupt();
                        reply = ok();
                    }
                    case "shutdown_request" -> {
                        reply = ok();
                        reply.addProperty("restart", m.bool("restart", false));
                        shutdown = true;
                    }
                    case "comm_open", "comm_msg", "comm_close" -> {
                        comms.handle(m);
                        reply = null;
                    }
                    default -> reply = type.endsWith("_request")
                            ? errorContent("UnsupportedRequest", "perfkernel does not support " + type)
                            : null;
                }
            } catch (RuntimeException | StackOverflowError e) {
                WireLog.warn(type + " failed", e);
                reply = type.endsWith("_request") ? errorContent(e.getClass().getSimpleName(), String.valueOf(e.getMessage())) : null;
            }
            if (abortQueued) {
                // Only what the client sent before it could see this error is aborted: taken off
                // the socket before the error reply goes out, so a request sent in answer to the
                // reply always runs.
                channel.drainQueued(queued::add);
            }
            if (reply != null) {
                String replyType = type.substring(0, type.length() - "_request".length()) + "_reply";
                channel.send(codec.create(replyType, m, reply, m.identities()));
                if (shutdown) {
                    iopub.publish("shutdown_reply", m, reply); // protocol 5.4+ front ends listen on iopub
                }
            } else if (!type.equals("comm_open") && !type.startsWith("comm_")) {
                WireLog.warn("ignored " + type + " on " + channel.name());
            }
        } finally {
            iopub.status("idle", m);
        }
        if (shutdown) {
            stdin.cancel();
            lifecycle.exit(m.bool("restart", false), 0);
        }
        for (Message q : queued) {
            if ("execute_request".equals(q.type())) {
                iopub.status("busy", q);
                channel.send(codec.create("execute_reply", q, executor.aborted(), q.identities()));
                iopub.status("idle", q);
            } else {
                handle(channel, q);
            }
        }
    }

    private JsonObject kernelInfo() {
        JsonObject c = ok();
        c.addProperty("protocol_version", MessageCodec.PROTOCOL_VERSION);
        c.addProperty("implementation", "perfkernel");
        String version = KernelServer.class.getPackage().getImplementationVersion();
        c.addProperty("implementation_version", version == null ? "dev" : version);
        JsonObject languageInfo;
        String banner;
        try {
            LanguageBackend b = backend();
            languageInfo = b.languageInfo();
            banner = b.banner();
        } catch (IllegalStateException e) {
            // Still answer, so the front end can show that the kernel runs but cannot execute.
            languageInfo = new JsonObject();
            languageInfo.addProperty("name", "java");
            languageInfo.addProperty("file_extension", ".jshell");
            banner = "perfkernel: " + e.getMessage();
        }
        c.add("language_info", languageInfo);
        c.addProperty("banner", banner);
        c.addProperty("debugger", false);
        JsonArray links = new JsonArray();
        links.add(link("Java SE API", "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/"));
        links.add(link("JShell guide", "https://docs.oracle.com/en/java/javase/17/jshell/introduction-jshell.html"));
        links.add(link("JMH samples", "https://github.com/openjdk/jmh/tree/master/jmh-samples/src/main/java/org/openjdk/jmh/samples"));
        c.add("help_links", links);
        return c;
    }

    /** The deprecated connect_request, still sent by some old consoles. */
    private JsonObject connectInfo() {
        JsonObject c = ok();
        c.addProperty("shell_port", info.shellPort());
        c.addProperty("iopub_port", info.iopubPort());
        c.addProperty("stdin_port", info.stdinPort());
        c.addProperty("control_port", info.controlPort());
        c.addProperty("hb_port", info.hbPort());
        return c;
    }

    private JsonObject complete(Message m) {
        String code = m.string("code", "");
        int cursor = clampCursor(code, m.integer("cursor_pos", code.length()));
        LanguageBackend.Completion comp = backend().complete(code, cursor);
        JsonObject c = ok();
        JsonArray matches = new JsonArray();
        int start = cursor;
        int end = cursor;
        JsonObject metadata = new JsonObject();
        if (comp != null) {
            comp.matches().forEach(matches::add);
            start = comp.cursorStart();
            end = comp.cursorEnd();
            if (comp.metadata() != null) {
                metadata = comp.metadata();
            }
        }
        c.add("matches", matches);
        c.addProperty("cursor_start", start);
        c.addProperty("cursor_end", end);
        c.add("metadata", metadata);
        return c;
    }

    private JsonObject inspect(Message m) {
        String code = m.string("code", "");
        int cursor = clampCursor(code, m.integer("cursor_pos", code.length()));
        LanguageBackend.Inspection found = backend().inspect(code, cursor, m.integer("detail_level", 0));
        JsonObject c = ok();
        boolean hit = found != null && found.data() != null && found.data().size() > 0;
        c.addProperty("found", hit);
        c.add("data", hit ? found.data() : new JsonObject());
        c.add("metadata", new JsonObject());
        return c;
    }

    private JsonObject isComplete(Message m) {
        LanguageBackend.IsComplete r = backend().isComplete(m.string("code", ""));
        JsonObject c = new JsonObject();
        c.addProperty("status", r == null ? "unknown" : r.status());
        if (r != null && "incomplete".equals(r.status())) {
            c.addProperty("indent", r.indent() == null ? "" : r.indent());
        }
        return c;
    }

    private JsonObject history(Message m) {
        boolean output = m.bool("output", false);
        JsonArray rows = switch (m.string("hist_access_type", "tail")) {
            case "range" -> history.range(m.integer("session", 0), m.integer("start", 0), m.integer("stop", 0), output);
            case "search" -> history.search(m.string("pattern", "*"), m.integer("n", 0), m.bool("unique", false), output);
            case "tail" -> history.tail(m.integer("n", -1), output);
            default -> null;
        };
        if (rows == null) {
            return errorContent("BadRequest", "hist_access_type must be tail, range or search");
        }
        JsonObject c = ok();
        c.add("history", rows);
        return c;
    }

    /**
     * Basekernel's comm manager: register a target ({@code registerTarget(name, target)}) to
     * accept the front end's comm_open for it; comms to other targets are closed at once.
     */
    public io.github.spencerpark.jupyter.kernel.comm.CommManager commManager() {
        return comms.manager();
    }

    private static int clampCursor(String code, int cursor) {
        return Math.max(0, Math.min(cursor, code.length()));
    }

    private static JsonObject ok() {
        JsonObject c = new JsonObject();
        c.addProperty("status", "ok");
        return c;
    }

    private static JsonObject errorContent(String ename, String evalue) {
        JsonObject c = new JsonObject();
        c.addProperty("status", "error");
        c.addProperty("ename", ename);
        c.addProperty("evalue", evalue);
        c.add("traceback", new JsonArray());
        return c;
    }

    private static JsonObject link(String text, String url) {
        JsonObject o = new JsonObject();
        o.addProperty("text", text);
        o.addProperty("url", url);
        return o;
    }

    private ZMQ.Socket bind(SocketType type, int port) {
        ZMQ.Socket s = context.socket(type);
        s.setLinger(1000);
        if (type == SocketType.ROUTER) {
            s.setRouterMandatory(false);
        }
        s.bind(info.endpoint(port));
        return s;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** For tests: the socket endpoints actually bound. */
    List<String> endpoints() {
        return List.of(info.endpoint(info.shellPort()), info.endpoint(info.iopubPort()), info.endpoint(info.stdinPort()),
                info.endpoint(info.controlPort()), info.endpoint(info.hbPort()));
    }
}
