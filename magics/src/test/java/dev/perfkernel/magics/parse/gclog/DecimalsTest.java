package dev.perfkernel.magics.parse.gclog;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecimalsTest {

    private static double parse(String s) {
        return Decimals.parse("[" + s + "]", 1, s.length() + 1);
    }

    @Test
    void roundsLikeParseDoubleWithinTheRangeOnly() {
        for (String s : new String[]{"12.345", "0.001", "7", "3.", "1234567.890123", "0.1234567890123", "0.000000000000000123"}) {
            assertEquals(Double.parseDouble(s), parse(s), s);
        }
        assertEquals(0, parse(""));
    }

    @Test
    void anythingButDigitsAndOnePointIsNaN() {
        for (String s : new String[]{"1.2.3", "12a", "-1", "1e3", " 1", "0.1234567890123456789", "9007199254740993"}) {
            assertTrue(Double.isNaN(parse(s)), s);
        }
    }
}
