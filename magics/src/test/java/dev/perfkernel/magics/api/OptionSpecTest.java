package dev.perfkernel.magics.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class OptionSpecTest {
    private static final OptionSpec SPEC = new OptionSpec()
            .argument("METHOD", "what to look at")
            .value("--top", "N", "rows")
            .repeatable("-jvmArgs", "\"FLAGS\"", "extra flags", "--jvmArgs")
            .flag("--quick", "quick settings");

    @Test
    void oneDeclarationGivesHelpParserAndLineSplitting() throws Exception {
        assertEquals(List.of("METHOD", "--top N", "-jvmArgs \"FLAGS\"", "--quick"),
                SPEC.help().stream().map(MagicHelp.Option::names).toList());
        MagicHelp help = new MagicHelp(List.of("%x"), "x", SPEC.help(), "");
        OptionParser.Parsed p = SPEC.parser("x", help).parse(List.of("--top", "3", "--jvmArgs", "-Xmx1g", "-jvmArgs",
                "-Xss1m", "--quick", "fib"));
        assertEquals(3, p.integer("--top", 1).orElseThrow());
        assertEquals(List.of("-Xmx1g", "-Xss1m"), p.all("-jvmArgs"), "an alias fills the declared option");
        assertTrue(p.has("--quick"));
        assertEquals(List.of("fib"), p.positional());
        UsageException e = assertThrows(UsageException.class, () -> SPEC.parser("x", help).parse(List.of("--nope")));
        assertTrue(e.getMessage().contains("unknown option --nope"), e.getMessage());
        OptionSpec.LineSplit split = SPEC.splitLine(List.of("--top", "3", "--quick", "fib(30)", "-", "1"));
        assertEquals(List.of("--top", "3", "--quick"), split.options());
        assertEquals("fib(30) - 1", split.code());
        assertEquals("-x", SPEC.splitLine(List.of("--quick", "--", "-x")).code(), "-- ends the options");
    }
}
