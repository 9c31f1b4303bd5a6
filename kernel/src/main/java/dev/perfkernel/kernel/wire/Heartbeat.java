package dev.perfkernel.kernel.wire;

import org.zeromq.ZMQ;

/** Echoes heartbeat pings so the front end knows the kernel process is alive. */
final class Heartbeat implements Runnable {

    private final ZMQ.Socket socket;

    Heartbeat(ZMQ.Socket socket) {
        this.socket = socket;
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                byte[] ping = socket.recv(0);
                if (ping == null) {
                    continue;
                }
                // REP socket: echo every frame of the request, then it is ready for the next one.
                while (socket.hasReceiveMore()) {
                    socket.sendMore(ping);
                    ping = socket.recv(0);
                }
                socket.send(ping, 0);
            }
        } catch (RuntimeException e) {
            // context terminated: the kernel is exiting
            RequestChannel.closeQuietly(socket);
        }
    }
}
