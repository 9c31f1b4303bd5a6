package dev.perfkernel.kernel.wire;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire layer end to end over real JeroMQ sockets, with a scripted backend. */
class KernelServerTest {

    private final ScriptedBackend backend = new ScriptedBackend();
    private final CompletableFuture<Integer> halted = new CompletableFuture<>();
    private KernelServer server;
    private WireClient client;

    @BeforeEach
    void start() throws Exception {
        ConnectionInfo info = WireClient.freeConnection("test-key");
        server = KernelServer.start(info, () -> backend, new KernelLifecycle(halted::complete));
        client = new WireClient(info);
        // PUB/SUB joins late: ask until the first iopub message arrives.
        client.iopub.setReceiveTimeOut(100);
        Message seen = null;
        for (int i = 0; i < 100 && seen == null; i++) {
            client.send(client.shell, "kernel_info_request", new JsonObject());
            seen = client.receive(client.iopub);
        }
        assertNotNull(seen, "no iopub message after 100 kernel_info requests");
        client.iopub.setReceiveTimeOut(200);
        client.shell.setReceiveTimeOut(10);
        while (client.receive(client.iopub) != null) {
            // drain
        }
        while (client.receive(client.shell) != null) {
            // drain replies
        }
        client.iopub.setReceiveTimeOut(5000);
        client.shell.setReceiveTimeOut(5000);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    /** A comm target that echoes every message back and records how its comms end. */
    private static final class EchoTarget implements io.github.spencerpark.jupyter.kernel.comm.CommTarget {
        final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public io.github.spencerpark.jupyter.kernel.comm.Comm createComm(
                io.github.spencerpark.jupyter.kernel.comm.CommManager manager, String id, String target,
                io.github.spencerpark.jupyter.messages.Message<io.github.spencerpark.jupyter.messages.comm.CommOpenCommand> open) {
            events.add("open " + id + " " + open.getContent().getData());
            return new io.github.spencerpark.jupyter.kernel.comm.Comm(manager, id, target) {
                @Override
                protected void onMessage(io.github.spencerpark.jupyter.messages.Message<io.github.spencerpark.jupyter.messages.comm.CommMsgCommand> m) {
                    events.add("msg " + m.getContent().getData());
                    send(m.getContent().getData());
                }

                @Override
                protected void onClose(io.github.spencerpark.jupyter.messages.Message<io.github.spencerpark.jupyter.messages.comm.CommCloseCommand> m,
                                       boolean sending) {
                    events.add("close " + id);
                }
            };
        }
    }

    @Test
    void commsOpenTalkAndCloseThroughBasekernelsCommManager() throws Exception {
        EchoTarget echo = new EchoTarget();
        server.commManager().registerTarget("echo", echo);

        JsonObject open = new JsonObject();
        open.addProperty("comm_id", "c-9");
        open.addProperty("target_name", "echo");
        JsonObject hello = new JsonObject();
        hello.addProperty("hello", 1);
        open.add("data", hello);
        Message req = client.send(client.shell, "comm_open", open);
        assertEquals(List.of("status:busy", "status:idle"), WireClient.types(client.iopubOf(req)), "a known target keeps its comm open");
        assertEquals(List.of("open c-9 {\"hello\":1}"), echo.events);

        JsonObject infoReq = new JsonObject();
        infoReq.addProperty("target_name", "echo");
        client.send(client.shell, "comm_info_request", infoReq);
        JsonObject comms = client.receive(client.shell).content().getAsJsonObject("comms");
        assertEquals("echo", comms.getAsJsonObject("c-9").get("target_name").getAsString());

        JsonObject msg = new JsonObject();
        msg.addProperty("comm_id", "c-9");
        JsonObject ping = new JsonObject();
        ping.addProperty("ping", 2);
        msg.add("data", ping);
        req = client.send(client.shell, "comm_msg", msg);
        List<Message> pub = client.iopubOf(req);
        assertEquals(List.of("status:busy", "comm_msg", "status:idle"), WireClient.types(pub));
        assertEquals("c-9", pub.get(1).content().get("comm_id").getAsString());
        assertEquals(ping, pub.get(1).content().getAsJsonObject("data"));

        JsonObject close = new JsonObject();
        close.addProperty("comm_id", "c-9");
        close.add("data", new JsonObject());
        req = client.send(client.shell, "comm_close", close);
        client.iopubOf(req);
        assertEquals("close c-9", echo.events.get(echo.events.size() - 1));
        client.send(client.shell, "comm_info_request", new JsonObject());
        assertEquals(0, client.receive(client.shell).content().getAsJsonObject("comms").size());

        // A message for a comm that no longer exists is dropped, and the kernel keeps serving.
        req = client.send(client.shell, "comm_msg", msg);
        assertEquals(List.of("status:busy", "status:idle"), WireClient.types(client.iopubOf(req)));
        assertEquals(List.of("msg {\"ping\":2}"), echo.events.subList(1, 2));
    }

    @Test
    void kernelInfoReplyIsWrappedInBusyIdle() throws Exception {
        Message req = client.send(client.shell, "kernel_info_request", new JsonObject());
        Message reply = client.receive(client.shell);
        assertEquals("kernel_info_reply", reply.type());
        assertEquals(req.id(), reply.parentHeader().get("msg_id").getAsString());
        assertEquals("5.3", reply.content().get("protocol_version").getAsString());
        assertEquals("perfkernel", reply.content().get("implementation").getAsString());
        assertEquals("scripted", reply.content().getAsJsonObject("language_info").get("name").getAsString());
        assertEquals(List.of("status:busy", "status:idle"), WireClient.types(client.iopubOf(req)));
    }

    @Test
    void executePublishesInputOutputAndCounts() throws Exception {
        Message req = client.send(client.shell, "execute_request", execute("print:hi"));
        Message reply = client.receive(client.shell);
        assertEquals("ok", reply.content().get("status").getAsString());
        assertEquals(1, reply.content().get("execution_count").getAsInt());
        List<Message> pub = client.iopubOf(req);
        assertEquals(List.of("status:busy", "execute_input", "stream", "status:idle"), WireClient.types(pub));
        assertEquals("hi", pub.get(2).content().get("text").getAsString());

        req = client.send(client.shell, "execute_request", execute("42"));
        assertEquals(2, client.receive(client.shell).content().get("execution_count").getAsInt());
        pub = client.iopubOf(req);
        assertEquals(List.of("status:busy", "execute_input", "execute_result", "status:idle"), WireClient.types(pub));
        assertEquals(2, pub.get(2).content().get("execution_count").getAsInt());
        assertEquals("42", pub.get(2).content().getAsJsonObject("data").get("text/plain").getAsString());

        JsonObject silent = execute("43");
        silent.addProperty("silent", true);
        req = client.send(client.shell, "execute_request", silent);
        assertEquals(2, client.receive(client.shell).content().get("execution_count").getAsInt(), "silent cells do not count");
        assertEquals(List.of("status:busy", "status:idle"), WireClient.types(client.iopubOf(req)));

        req = client.send(client.shell, "execute_request", execute("display"));
        client.receive(client.shell);
        pub = client.iopubOf(req);
        assertEquals(List.of("status:busy", "execute_input", "display_data", "update_display_data", "status:idle"),
                WireClient.types(pub));
        assertEquals("d1", pub.get(2).content().getAsJsonObject("transient").get("display_id").getAsString());
    }

    @Test
    void errorsAreReportedAndQueuedCellsAborted() throws Exception {
        Message failing = client.send(client.shell, "execute_request", execute("slowfail"));
        Message queued = client.send(client.shell, "execute_request", execute("1"));
        Message info = client.send(client.shell, "kernel_info_request", new JsonObject());
        Message r1 = client.receive(client.shell);
        assertEquals(failing.id(), r1.parentHeader().get("msg_id").getAsString());
        assertEquals("error", r1.content().get("status").getAsString());
        assertEquals("Boom", r1.content().get("ename").getAsString());
        Message r2 = client.receive(client.shell);
        assertEquals(queued.id(), r2.parentHeader().get("msg_id").getAsString());
        assertEquals("aborted", r2.content().get("status").getAsString());
        Message r3 = client.receive(client.shell);
        assertEquals(info.id(), r3.parentHeader().get("msg_id").getAsString(), "non-execute requests are still served");
        assertEquals("ok", r3.content().get("status").getAsString());

        Message req = client.send(client.shell, "execute_request", execute("fail"));
        Message reply = client.receive(client.shell);
        assertEquals(List.of("line 1", "line 2"),
                List.of(reply.content().getAsJsonArray("traceback").get(0).getAsString(),
                        reply.content().getAsJsonArray("traceback").get(1).getAsString()));
        assertEquals(List.of("status:busy", "execute_input", "error", "status:idle"), WireClient.types(client.iopubOf(req)));

        client.send(client.shell, "execute_request", execute("crash"));
        reply = client.receive(client.shell);
        assertEquals("KernelError", reply.content().get("ename").getAsString());
        client.send(client.shell, "execute_request", execute("7"));
        assertEquals("ok", client.receive(client.shell).content().get("status").getAsString());
    }

    @Test
    void badSignaturesAndMalformedFramesAreDroppedAndServingGoesOn() throws Exception {
        List<byte[]> good = client.codec.encode(client.codec.create("kernel_info_request", null, new JsonObject(), List.of()));
        List<byte[]> badSig = new ArrayList<>(good);
        badSig.set(1, "f".repeat(64).getBytes(StandardCharsets.US_ASCII));
        WireClient.sendFrames(client.shell, badSig);
        WireClient.sendFrames(client.shell, good.subList(0, 3));
        List<byte[]> badJson = new ArrayList<>(good);
        badJson.set(5, "{oops".getBytes(StandardCharsets.UTF_8));
        WireClient.sendFrames(client.shell, badJson);
        WireClient.sendFrames(client.control, badSig);
        client.shell.setReceiveTimeOut(300);
        assertNull(client.receive(client.shell), "a rejected message was answered");
        client.shell.setReceiveTimeOut(5000);
        Message req = client.send(client.shell, "kernel_info_request", new JsonObject());
        assertEquals(req.id(), client.receive(client.shell).parentHeader().get("msg_id").getAsString());
        req = client.send(client.control, "kernel_info_request", new JsonObject());
        assertEquals(req.id(), client.receive(client.control).parentHeader().get("msg_id").getAsString());
    }

    @Test
    void everyRequestIsAnswered() throws Exception {
        client.send(client.shell, "frobnicate_request", new JsonObject());
        Message r = client.receive(client.shell);
        assertEquals("frobnicate_reply", r.type());
        assertEquals("error", r.content().get("status").getAsString());
        client.send(client.control, "debug_request", new JsonObject());
        assertEquals("debug_reply", client.receive(client.control).type());

        JsonObject complete = new JsonObject();
        complete.addProperty("code", "ab");
        complete.addProperty("cursor_pos", 99);
        client.send(client.shell, "complete_request", complete);
        r = client.receive(client.shell);
        assertEquals("abX", r.content().getAsJsonArray("matches").get(0).getAsString(), "cursor clamped to the code");
        assertEquals(2, r.content().get("cursor_end").getAsInt());

        client.send(client.shell, "inspect_request", complete);
        r = client.receive(client.shell);
        assertTrue(r.content().get("found").getAsBoolean());
        JsonObject empty = new JsonObject();
        empty.addProperty("code", "");
        client.send(client.shell, "inspect_request", empty);
        assertFalse(client.receive(client.shell).content().get("found").getAsBoolean());

        JsonObject open = new JsonObject();
        open.addProperty("code", "void f() {");
        client.send(client.shell, "is_complete_request", open);
        r = client.receive(client.shell);
        assertEquals("incomplete", r.content().get("status").getAsString());
        assertEquals("    ", r.content().get("indent").getAsString());

        client.send(client.shell, "connect_request", new JsonObject());
        assertEquals(client.info.hbPort(), client.receive(client.shell).content().get("hb_port").getAsInt());

        client.send(client.shell, "comm_info_request", new JsonObject());
        assertEquals(0, client.receive(client.shell).content().getAsJsonObject("comms").size());

        JsonObject comm = new JsonObject();
        comm.addProperty("comm_id", "c-1");
        comm.addProperty("target_name", "nobody");
        Message req = client.send(client.shell, "comm_open", comm);
        List<Message> pub = client.iopubOf(req);
        assertEquals(List.of("status:busy", "comm_close", "status:idle"), WireClient.types(pub));
        assertEquals("c-1", pub.get(1).content().get("comm_id").getAsString());

        client.send(client.shell, "execute_request", execute("1+1"));
        client.receive(client.shell);
        JsonObject hist = new JsonObject();
        hist.addProperty("hist_access_type", "tail");
        hist.addProperty("n", 5);
        hist.addProperty("output", true);
        client.send(client.shell, "history_request", hist);
        r = client.receive(client.shell);
        assertEquals("[[1,1,[\"1+1\",\"1+1\"]]]", r.content().getAsJsonArray("history").toString());
    }

    @Test
    void controlIsServedWhileACellRunsAndInterruptStopsIt() throws Exception {
        Message cell = client.send(client.shell, "execute_request", execute("block"));
        assertTrue(backend.running.await(5, TimeUnit.SECONDS));
        Message info = client.send(client.control, "kernel_info_request", new JsonObject());
        assertEquals(info.id(), client.receive(client.control).parentHeader().get("msg_id").getAsString());
        long t0 = System.nanoTime();
        client.send(client.control, "interrupt_request", new JsonObject());
        assertEquals("interrupt_reply", client.receive(client.control).type());
        Message reply = client.receive(client.shell);
        assertEquals(cell.id(), reply.parentHeader().get("msg_id").getAsString());
        assertEquals("Interrupted", reply.content().get("ename").getAsString());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2));
    }

    @Test
    void inputRequestGoesThroughStdin() throws Exception {
        JsonObject c = execute("input");
        c.addProperty("allow_stdin", true);
        Message req = client.send(client.shell, "execute_request", c);
        Message ask = client.receive(client.stdin);
        assertEquals("input_request", ask.type());
        assertEquals("name? ", ask.content().get("prompt").getAsString());
        assertEquals(req.id(), ask.parentHeader().get("msg_id").getAsString());
        JsonObject answer = new JsonObject();
        answer.addProperty("value", "bob");
        client.send(client.stdin, "input_reply", answer);
        client.receive(client.shell);
        List<Message> pub = client.iopubOf(req);
        assertEquals("got bob", pub.get(2).content().getAsJsonObject("data").get("text/plain").getAsString());

        c.addProperty("allow_stdin", false);
        req = client.send(client.shell, "execute_request", c);
        client.receive(client.shell);
        assertEquals("got null", client.iopubOf(req).get(2).content().getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    void heartbeatEchoes() {
        byte[] ping = "ping-123".getBytes(StandardCharsets.US_ASCII);
        client.heartbeat.send(ping, 0);
        assertArrayEquals(ping, client.heartbeat.recv(0));
    }

    @Test
    void shutdownRepliesThenStopsBackendThenHalts() throws Exception {
        JsonObject c = new JsonObject();
        c.addProperty("restart", true);
        Message req = client.send(client.control, "shutdown_request", c);
        Message reply = client.receive(client.control);
        assertEquals("shutdown_reply", reply.type());
        assertTrue(reply.content().get("restart").getAsBoolean());
        assertEquals(0, halted.get(5, TimeUnit.SECONDS));
        assertTrue(backend.shutDown.get());
        List<String> types = WireClient.types(client.iopubOf(req));
        assertTrue(types.contains("shutdown_reply"), types.toString());
    }

    @Test
    void roundTripHasNoPollingDelay() throws Exception {
        long[] micros = new long[200];
        for (int i = 0; i < micros.length; i++) {
            long t0 = System.nanoTime();
            client.send(client.shell, "kernel_info_request", new JsonObject());
            assertNotNull(client.receive(client.shell));
            micros[i] = (System.nanoTime() - t0) / 1000;
        }
        Arrays.sort(micros);
        // A 50 ms polling loop (as in jupyter-jvm-basekernel) would put the median near 25-50 ms.
        assertTrue(micros[100] < 10_000, "median kernel_info round trip " + micros[100] + " µs");
    }

    private static JsonObject execute(String code) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("silent", false);
        c.addProperty("store_history", true);
        c.addProperty("allow_stdin", false);
        c.addProperty("stop_on_error", true);
        return c;
    }
}
