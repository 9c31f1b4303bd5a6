package dev.perfkernel.kernel.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionInfoTest {

    @TempDir
    Path dir;

    @Test
    void readsWhatJupyterClientWrites() throws IOException {
        // As written by jupyter_client.connect.write_connection_file (plus its extra keys).
        Path f = write("{\"shell_port\": 51001, \"iopub_port\": 51002, \"stdin_port\": 51003, \"control_port\": 51004,"
                + " \"hb_port\": 51005, \"ip\": \"127.0.0.1\", \"key\": \"a1b2\", \"transport\": \"tcp\","
                + " \"signature_scheme\": \"hmac-sha256\", \"kernel_name\": \"java-perf\", \"jupyter_session\": \"x\"}");
        ConnectionInfo c = ConnectionInfo.read(f);
        assertEquals("tcp://127.0.0.1:51001", c.endpoint(c.shellPort()));
        assertEquals(51005, c.hbPort());
        assertEquals("a1b2", c.key());
    }

    @Test
    void ipcEndpointsAreFilesNamedIpDashPort() throws IOException {
        Path f = write("{\"shell_port\": 1, \"iopub_port\": 2, \"stdin_port\": 3, \"control_port\": 4, \"hb_port\": 5,"
                + " \"ip\": \"/tmp/kernel-abc\", \"transport\": \"ipc\", \"key\": \"\"}");
        ConnectionInfo c = ConnectionInfo.read(f);
        assertEquals("ipc:///tmp/kernel-abc-2", c.endpoint(c.iopubPort()));
        assertEquals("hmac-sha256", c.signatureScheme());
    }

    @Test
    void badFilesGiveClearErrors() throws IOException {
        IOException e = assertThrows(IOException.class, () -> ConnectionInfo.read(write("{\"shell_port\": 1}")));
        assertTrue(e.getMessage().contains("iopub_port"), e.getMessage());
        e = assertThrows(IOException.class, () -> ConnectionInfo.read(write("[1, 2]")));
        assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
        assertThrows(IOException.class, () -> ConnectionInfo.read(dir.resolve("missing.json")));
    }

    private Path write(String json) throws IOException {
        Path f = Files.createTempFile(dir, "conn", ".json");
        Files.writeString(f, json);
        return f;
    }
}
