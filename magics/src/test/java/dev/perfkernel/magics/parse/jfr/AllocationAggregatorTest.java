package dev.perfkernel.magics.parse.jfr;

import dev.perfkernel.magics.parse.jfr.AllocationProfile.By;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllocationAggregatorTest {

    private static AllocationProfile load(String jdk) throws Exception {
        AllocationAggregator a = new AllocationAggregator(JfrFixtures.mapper(), true);
        JfrReader.Counts counts = a.addAll(JfrFixtures.file(jdk, "alloc.jfr"), t -> true);
        AllocationProfile p = a.result();
        assertEquals(8000, counts.events(), "throttle 5000/s over 1.5 s caps the fixture at 8000 samples");
        assertEquals(counts.events() - counts.withoutStack(), p.totalCount());
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void bigArrayLeadsBySampledBytesAndIsMappedToItsCellLine(String jdk) throws Exception {
        AllocationProfile p = load(jdk);
        AllocationSite top = p.top(By.BYTES, 1, false).get(0);
        assertEquals("byte[]", top.type());
        assertEquals("perfkernel.session.Session.mixed", top.frame());
        assertEquals(9, top.sourceLine());
        assertEquals(JfrFixtures.BIG_ARRAY, top.cell());
        assertTrue(top.sampled() && top.user());
        // The strings are allocated inside String.valueOf; the site is still the user's line.
        AllocationSite strings = p.flat().stream().filter(s -> "java.lang.String".equals(s.type())).findFirst().orElseThrow();
        assertEquals("Session.mixed", strings.shortFrame());
        assertEquals(JfrFixtures.SMALL_STRINGS, strings.cell());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void totalsAddUpAcrossFlatSitesCellLinesAndCollapsedStacks(String jdk) throws Exception {
        AllocationProfile p = load(jdk);
        assertEquals(p.totalBytes(), p.flat().stream().mapToLong(AllocationSite::bytes).sum());
        assertEquals(p.totalCount(), p.flat().stream().mapToLong(AllocationSite::count).sum());
        assertEquals(p.totalBytes(), p.collapsed().values().stream().mapToLong(Long::longValue).sum());
        // The harness's call line is on every user stack: its cumulative row is everything under it.
        long userBytes = p.flat().stream().filter(AllocationSite::user).mapToLong(AllocationSite::bytes).sum();
        AllocationSite main = p.cumulative().stream().filter(s -> s.frame().endsWith("AllocMain.main")).findFirst().orElseThrow();
        assertEquals(userBytes, main.bytes());
        assertNull(main.type());
        AllocationProfile.LineTotals big = p.cellLines().get(JfrFixtures.BIG_ARRAY);
        AllocationProfile.LineTotals small = p.cellLines().get(JfrFixtures.SMALL_STRINGS);
        assertTrue(big.flatBytes() > 0 && small.flatBytes() > 0);
        assertEquals(big.flatBytes(), big.cumBytes(), "nothing user-level is called from the array line");
        assertTrue(p.collapsedText().startsWith("AllocMain.main;Session.mixed;byte[] "), p.collapsedText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void typesAreShownInJavaFormNotJvmDescriptors(String jdk) throws Exception {
        for (AllocationSite s : load(jdk).flat()) {
            assertFalse(s.type().startsWith("["), s.type());
        }
    }

    @org.junit.jupiter.api.Test
    void exactCountsFlipTheTopSiteBetweenBytesAndCount() {
        // One 200 KB array and 1000 small strings, as the instrumented run reports them.
        AllocationAggregator a = new AllocationAggregator(JfrFixtures.mapper(), false);
        JfrFrame bigLine = new JfrFrame("perfkernel.session.Session", "mixed", 9);
        JfrFrame strLine = new JfrFrame("perfkernel.session.Session", "mixed", 11);
        JfrFrame harness = new JfrFrame("perfkernel.harness.AllocMain", "main", 8);
        a.add(List.of(bigLine, harness), "byte[]", 200_016, 1);
        a.add(List.of(new JfrFrame("java.lang.Integer", "toString", 456), strLine, harness), "java.lang.String", 24_000, 1000);
        AllocationProfile p = a.result();
        assertEquals("byte[]", p.top(By.BYTES, 1, false).get(0).type());
        assertEquals("java.lang.String", p.top(By.COUNT, 1, false).get(0).type());
        assertEquals(1001, p.totalCount());
        assertFalse(p.top(By.COUNT, 1, false).get(0).sampled());
    }

    @org.junit.jupiter.api.Test
    void jvmArrayNamesArePrettified() {
        assertEquals("byte[]", JfrReader.prettyType("[B"));
        assertEquals("java.lang.String[][]", JfrReader.prettyType("[[Ljava.lang.String;"));
        assertEquals("java.lang.Integer", JfrReader.prettyType("java.lang.Integer"));
    }
}
