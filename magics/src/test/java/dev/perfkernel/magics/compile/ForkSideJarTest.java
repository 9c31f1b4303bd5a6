package dev.perfkernel.magics.compile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.*;

class ForkSideJarTest {
    @Test
    void holdsOnlyTheForkSideClassesAndTheirNestedOnes(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("fork.jar");
        ForkSideJar.write(Classpaths.magics(), jar);
        try (JarFile jf = new JarFile(jar.toFile())) {
            List<String> names = jf.stream().map(e -> e.getName()).toList();
            for (String c : ForkSideJar.CLASSES) assertTrue(names.contains(c.replace('.', '/') + ".class"), c);
            assertTrue(names.stream().allMatch(n -> ForkSideJar.wanted(n, ForkSideJar.CLASSES.stream()
                    .map(c -> c.replace('.', '/')).toList())), names.toString());
            assertTrue(names.size() < 30, "a small jar, not the library: " + names.size());
        }
        assertTrue(ForkSideJar.wanted("dev/perfkernel/magics/harness/JmhHost$1.class",
                List.of("dev/perfkernel/magics/harness/JmhHost")));
        assertFalse(ForkSideJar.wanted("dev/perfkernel/magics/harness/JmhHostile.class",
                List.of("dev/perfkernel/magics/harness/JmhHost")));
    }
}
