package dev.perfkernel.kernel;

import dev.perfkernel.kernel.wire.ConnectionInfo;
import dev.perfkernel.kernel.wire.KernelLifecycle;
import dev.perfkernel.kernel.wire.KernelServer;
import dev.perfkernel.kernel.wire.StartupTrace;

import java.io.IOException;
import java.nio.file.Path;

/** {@code java -jar perfkernel.jar CONNECTION_FILE}: the Jupyter kernel process. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        StartupTrace.begin();
        if (args.length != 1) {
            System.err.println("usage: java -jar perfkernel.jar CONNECTION_FILE");
            System.exit(2);
        }
        ConnectionInfo info;
        try {
            info = ConnectionInfo.read(Path.of(args[0]));
        } catch (IOException e) {
            System.err.println("perfkernel: cannot read the connection file: " + e.getMessage());
            System.exit(2);
            return;
        }
        KernelLifecycle lifecycle = new KernelLifecycle();
        lifecycle.installShutdownHook();
        // The backend is constructed on its own thread while the sockets are being bound.
        KernelServer server = KernelServer.start(info, dev.perfkernel.kernel.shell.JShellBackend::new, lifecycle);
        lifecycle.watchParent();
        server.awaitTermination();
        // Normal exits go through shutdown_request or the parent watch; reaching here means the
        // shell socket failed for good, so do not linger as a kernel that answers nothing.
        System.err.println("perfkernel: the shell channel stopped; exiting");
        lifecycle.exit(false, 1);
    }
}
