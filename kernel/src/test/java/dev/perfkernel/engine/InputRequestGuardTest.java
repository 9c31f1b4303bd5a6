package dev.perfkernel.engine;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InputRequestGuardTest {

    /** JShell's packet framing (name length, name, data length, data), written with one call as JShell does. */
    private static OutputStream channel(String name, OutputStream socket) {
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                byte[] packet = new byte[n.length + 2 + len];
                packet[0] = (byte) n.length;
                System.arraycopy(n, 0, packet, 1, n.length);
                packet[n.length + 1] = (byte) len;
                System.arraycopy(b, off, packet, n.length + 2, len);
                socket.write(packet);
            }
        };
    }

    /** A remote System.in that asks for input the given number of times per read, as JShell's pipe may. */
    private static InputStream asking(OutputStream requests, int timesPerRead) {
        return new InputStream() {
            @Override
            public int read() throws java.io.IOException {
                for (int k = 0; k < timesPerRead; k++) {
                    requests.write('1');
                    requests.flush();
                }
                return 'x';
            }
        };
    }

    @Test
    void oneReadSendsOneRequestAndOtherPacketsPass() throws Exception {
        ByteArrayOutputStream socket = new ByteArrayOutputStream();
        OutputStream guarded = InputRequestGuard.output(socket);
        OutputStream requests = channel("$in-input-requested", guarded);
        OutputStream stdout = channel("out", guarded);
        InputStream in = InputRequestGuard.input(asking(requests, 2));

        in.read();
        int afterOneRead = socket.size();
        in.read(new byte[4], 0, 1);
        stdout.write("hello".getBytes());
        requests.write('1'); // outside a read of System.in (not JShell's pipe): passes

        int requestPacket = "$in-input-requested".length() + 3;
        assertEquals(requestPacket, afterOneRead);
        assertEquals(3 * requestPacket + ("out".length() + 2 + 5), socket.size());
    }
}
