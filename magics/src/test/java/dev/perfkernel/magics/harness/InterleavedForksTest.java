package dev.perfkernel.magics.harness;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class InterleavedForksTest {
    @Test
    void partFilesAreNumberedBesideTheResultFile() {
        assertEquals("result.part3.json", InterleavedForks.partFile("result.json", 3));
        assertEquals("out/r.part12.json", InterleavedForks.partFile("out/r.json", 12));
        assertEquals("result.part1.json", InterleavedForks.partFile("result", 1));
    }
}
