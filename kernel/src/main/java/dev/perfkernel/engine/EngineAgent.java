package dev.perfkernel.engine;

import jdk.jshell.execution.RemoteExecutionControl;
import jdk.jshell.execution.Util;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The engine JVM's main class: JShell's own remote agent, but on a socket tuned for its chatty
 * protocol. JShell's agent leaves Nagle's algorithm on, and each command is several small writes
 * on both sides, so every cell waited for delayed ACKs: TCP_NODELAY stops our side holding back
 * writes, and TCP_QUICKACK, re-armed before every read (Linux clears it), makes us acknowledge
 * the kernel's writes at once, so JShell's side (whose socket we cannot tune) is not held back
 * either. Measured on a loaded 2-core Linux machine, a small cell's median: 216 ms with JShell's
 * agent, 130 ms with TCP_NODELAY alone; see the README for the figure with both.
 * {@link #invoke} and {@link #varValue} are overridden only so JShell's stop (which looks for
 * those frames of the agent class) still finds the running cell.
 */
public class EngineAgent extends RemoteExecutionControl {

    public static void main(String[] args) throws Exception {
        // JShell either gives the port as the argument, or (JDK updates since late 2025) gives
        // -1 and sends the port and a secret on our stdin; the secret goes back first on the socket.
        int port = Integer.parseInt(args[0]);
        byte[] secret = null;
        if (port == -1) {
            port = Integer.parseInt(readLine(System.in));
            secret = Base64.getDecoder().decode(readLine(System.in));
        }
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        InputStream in = new QuickAckInput(socket);
        // JShell's multiplexer writes each <= 127-byte packet separately and flushes at the end
        // of every write: buffered, a 32 KB batch of output is one socket write, not 258.
        OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        if (secret != null) {
            out.write(secret);
            out.flush();
        }
        Map<String, Consumer<OutputStream>> outputs = new HashMap<>();
        // Batched, not autoflushed: one socket write per println made a print loop as slow as
        // the socket and the kernel's reads (see BatchingOutput).
        outputs.put("out", st -> {
            System.setOut(OUT = BatchingOutput.printStream(st));
            Frames.init(); // display records go to this stream even if a cell replaces System.out
        });
        outputs.put("err", st -> System.setErr(ERR = BatchingOutput.printStream(st)));
        Runtime.getRuntime().addShutdownHook(new Thread(EngineAgent::flushOutput, "perfkernel-output-exit"));
        Map<String, Consumer<InputStream>> inputs = new HashMap<>();
        inputs.put("in", pipe -> System.setIn(CellInput.over(pipe))); // see CellInput: JDK 17's pipe may ask twice
        Util.forwardExecutionControlAndIO(new EngineAgent(), in, out, outputs, inputs);
    }

    /** One line of the launch handshake, read byte by byte so nothing after it is consumed. */
    private static String readLine(InputStream in) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) throw new java.io.EOFException("the JShell launch handshake ended early");
            if (c != '\r') sb.append((char) c);
        }
        return sb.toString();
    }

    // The agent's own streams (user code may replace System.out; these still carry its output).
    private static volatile PrintStream OUT;
    private static volatile PrintStream ERR;

    /** Sends buffered output before the call's result, so a cell's prints precede its end. */
    private static void flushOutput() {
        PrintStream o = OUT;
        PrintStream e = ERR;
        if (e != null) e.flush();
        if (o != null) o.flush();
    }

    @Override
    public String invoke(String className, String methodName) throws RunException, InternalException, EngineTerminationException {
        try {
            return super.invoke(className, methodName);
        } finally {
            flushOutput();
        }
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
        try {
            return super.varValue(className, varName);
        } finally {
            flushOutput();
        }
    }

    /** Re-arms TCP_QUICKACK before each read; gives up quietly where the option does not exist. */
    private static final class QuickAckInput extends java.io.FilterInputStream {
        private final Socket socket;
        private boolean supported = true;

        QuickAckInput(Socket socket) throws java.io.IOException {
            super(socket.getInputStream());
            this.socket = socket;
        }

        private void quickAck() {
            if (!supported) return;
            try {
                socket.setOption(jdk.net.ExtendedSocketOptions.TCP_QUICKACK, true);
            } catch (UnsupportedOperationException | java.io.IOException | LinkageError e) {
                supported = false;
            }
        }

        @Override
        public int read() throws java.io.IOException {
            quickAck();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            quickAck();
            return super.read(b, off, len);
        }
    }
}
