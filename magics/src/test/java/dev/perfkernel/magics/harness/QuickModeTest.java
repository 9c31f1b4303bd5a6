package dev.perfkernel.magics.harness;

import dev.perfkernel.magics.api.CancelToken;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.Output;
import dev.perfkernel.magics.source.SessionSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

class QuickModeTest {
    private static MagicContext with(String value) {
        return new MagicContext() {
            public SessionSource session() { return SessionSource.empty(); }
            public List<Path> classpath() { return List.of(); }
            public Output output() { return null; }
            public CancelToken cancel() { return new CancelToken(); }
            public Path workingDirectory() { return Path.of("."); }
            public String setting(String name, Supplier<String> fallback) {
                return name.equals(QuickMode.VARIABLE) && value != null ? value : fallback.get();
            }
        };
    }

    @Test
    void onlyAnAffirmativeSettingForcesQuickMode() {
        assertTrue(QuickMode.forced(with("1")));
        assertTrue(QuickMode.forced(with(" TRUE ")));
        assertFalse(QuickMode.forced(with("0")));
        assertFalse(QuickMode.forced(with("")));
        assertEquals(System.getenv(QuickMode.VARIABLE) != null && QuickMode.isOn(System.getenv(QuickMode.VARIABLE)),
                QuickMode.forced(with(null)), "unset: falls back to the environment");
    }
}
