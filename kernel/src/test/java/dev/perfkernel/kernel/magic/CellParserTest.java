package dev.perfkernel.kernel.magic;

import dev.perfkernel.magics.api.Invocation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellParserTest {

    @Test
    void cellMagicTakesTheRestAsBodyFromLineTwo() {
        ParsedCell c = CellParser.parse("%%bench -f 2 --jvm \"17 25\"\nint x = 1;\nx + 1", 7);
        Invocation inv = c.cellMagic();
        assertEquals("bench", inv.name());
        assertTrue(inv.cellMagic());
        assertEquals(List.of("-f", "2", "--jvm", "17 25"), inv.args());
        assertEquals("-f 2 --jvm \"17 25\"", inv.rawArgs());
        assertEquals("int x = 1;\nx + 1", inv.body());
        assertEquals(2, inv.bodyFirstLine());
        assertEquals(7, inv.executionCount());
        assertTrue(c.lineMagics().isEmpty());
        assertEquals("", c.code());
    }

    @Test
    void leadingLineMagicsRunBeforeTheCodeWhichKeepsItsCellLines() {
        ParsedCell c = CellParser.parse("%classpath a.jar\n\n%time\nint y = 2;\ny % 2", 3);
        assertNull(c.cellMagic());
        assertEquals(List.of("classpath", "time"), c.lineMagics().stream().map(Invocation::name).toList());
        assertEquals(List.of("a.jar"), c.lineMagics().get(0).args());
        assertEquals(1, c.lineMagics().get(0).bodyFirstLine());
        assertEquals(3, c.lineMagics().get(1).bodyFirstLine());
        assertEquals("int y = 2;\ny % 2", c.code());
        assertEquals(4, c.codeFirstLine());
    }

    @Test
    void codeWithoutMagicsIsUntouched() {
        String code = "int a = 10;\na % 3";
        ParsedCell c = CellParser.parse(code, 1);
        assertTrue(c.lineMagics().isEmpty());
        assertNull(c.cellMagic());
        assertEquals(code, c.code());
        assertEquals(1, c.codeFirstLine());
    }

    @Test
    void percentAfterCodeIsJavaNotAMagic() {
        ParsedCell c = CellParser.parse("int a = 5\n%2;", 1);
        assertTrue(c.lineMagics().isEmpty());
        assertEquals("int a = 5\n%2;", c.code());
    }

    @Test
    void cellMagicOnlyOnTheFirstLine() {
        ParsedCell c = CellParser.parse("%time 1\n%%bench\nx", 1);
        assertNull(c.cellMagic());
        assertEquals(1, c.lineMagics().size());
        assertEquals("%%bench\nx", c.code());
    }

    @Test
    void badQuotesKeepTheRawTextForMagicsThatTakeCode() {
        ParsedCell c = CellParser.parse("%time f('\"')", 1);
        assertEquals("f('\"')", c.lineMagics().get(0).rawArgs());
        assertFalse(c.lineMagics().get(0).args().isEmpty());
    }

    @Test
    void closeNamesSuggestTyposAndPrefixes() {
        MagicRegistry r = new MagicRegistry();
        r.register(new HelpMagic(r));
        r.register(new TimeMagic());
        r.register(new LoadMagic());
        assertEquals(List.of("time"), r.closeNames("tme"));
        assertEquals(List.of("help"), r.closeNames("hlep"));
        assertTrue(r.closeNames("zzzzzz").isEmpty());
        assertEquals(2, MagicRegistry.distance("time", "tmie"));
    }
}
