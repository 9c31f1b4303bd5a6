package dev.perfkernel.engine;

import jdk.jshell.execution.RemoteExecutionControl;
import jdk.jshell.execution.Util;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The engine JVM's main class: JShell's own remote agent, but on a socket with TCP_NODELAY.
 * JShell's agent leaves Nagle's algorithm on, and its command protocol writes several small
 * packets per command, so every cell waited for the peer's delayed ACK (about 200 ms on
 * Linux loopback). {@link #invoke} and {@link #varValue} are overridden only so JShell's
 * stop (which looks for those frames of the agent class) still finds the running cell.
 */
public class EngineAgent extends RemoteExecutionControl {

    public static void main(String[] args) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        socket.setTcpNoDelay(true);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        Map<String, Consumer<OutputStream>> outputs = new HashMap<>();
        outputs.put("out", st -> System.setOut(new PrintStream(st, true)));
        outputs.put("err", st -> System.setErr(new PrintStream(st, true)));
        Map<String, Consumer<InputStream>> inputs = new HashMap<>();
        inputs.put("in", System::setIn);
        Util.forwardExecutionControlAndIO(new EngineAgent(), in, out, outputs, inputs);
    }

    @Override
    public String invoke(String className, String methodName) throws RunException, InternalException, EngineTerminationException {
        return super.invoke(className, methodName);
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
        return super.varValue(className, varName);
    }
}
