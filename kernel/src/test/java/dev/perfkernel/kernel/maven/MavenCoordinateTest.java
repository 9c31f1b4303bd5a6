package dev.perfkernel.kernel.maven;

import dev.perfkernel.magics.api.UsageException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MavenCoordinateTest {

    @Test
    void threeFourAndFiveParts() throws Exception {
        MavenCoordinate c = MavenCoordinate.parse(" org.apache.commons:commons-lang3:3.14.0 ");
        assertEquals("org.apache.commons:commons-lang3:jar:3.14.0", c.toResolverString());
        assertEquals("org.apache.commons:commons-lang3:3.14.0", c.toString());
        assertEquals("g:a:pom:1.0", MavenCoordinate.parse("g:a:pom:1.0").toResolverString());
        MavenCoordinate natives = MavenCoordinate.parse("org.lwjgl:lwjgl:jar:natives-linux:3.3.3");
        assertEquals("natives-linux", natives.classifier());
        assertEquals("org.lwjgl:lwjgl:jar:natives-linux:3.3.3", natives.toResolverString());
        assertEquals("[1.0,2.0)", MavenCoordinate.parse("g:a:[1.0,2.0)").version());
    }

    @Test
    void badCoordinatesSayWhatIsWrong() {
        UsageException parts = assertThrows(UsageException.class, () -> MavenCoordinate.parse("commons-lang3"));
        assertTrue(parts.getMessage().contains("expected 3 to 5 parts"), parts.getMessage());
        assertTrue(String.join("\n", parts.details()).contains("group:artifact:version"));
        UsageException empty = assertThrows(UsageException.class, () -> MavenCoordinate.parse("org.x::1.0"));
        assertTrue(empty.getMessage().contains("artifact is empty"), empty.getMessage());
        UsageException chars = assertThrows(UsageException.class, () -> MavenCoordinate.parse("org x:y;rm -rf:1.0"));
        assertTrue(chars.getMessage().contains("characters"), chars.getMessage());
        assertThrows(UsageException.class, () -> MavenCoordinate.parse("a:b:c:d:e:f"));
        assertThrows(UsageException.class, () -> MavenCoordinate.parse(null));
    }
}
