package dev.perfkernel.magics.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class UnitsTest {

    @Test
    void threeSignificantDigits() {
        assertEquals("1.23", Units.sig3(1.2345));
        assertEquals("12.3", Units.sig3(12.345));
        assertEquals("123", Units.sig3(123.45));
        assertEquals("1235", Units.sig3(1234.5));
        assertEquals("10.0", Units.sig3(9.996));
        assertEquals("100", Units.sig3(99.96));
        assertEquals("0.00123", Units.sig3(0.0012345));
        assertEquals("-4.56", Units.sig3(-4.5612));
        assertEquals("0", Units.sig3(0));
    }

    @Test
    void durations() {
        assertEquals("12.3 ns", Units.nanos(12.34));
        assertEquals("59.4 µs", Units.nanos(59_400));
        assertEquals("78.4 ms", Units.nanos(78.4e6));
        assertEquals("1.50 s", Units.nanos(1.5e9));
        assertEquals("230 ps", Units.nanos(0.23));
        assertEquals("1.00 µs", Units.nanos(999.7));     // rounds into the next unit, not "1000 ns"
        assertEquals("2.79 µs", Units.duration(2.79, "us"));
        assertEquals("12.0 ms", Units.duration(12, "ms/op"));
        assertThrows(IllegalArgumentException.class, () -> Units.nanosPer("furlongs"));
    }

    @Test
    void bytesDecimalAndBinary() {
        assertEquals("0 B", Units.bytes(0));
        assertEquals("1016 B", Units.bytes(1016));
        assertEquals("1016 B", Units.bytes(1016.0002));      // JMH's norm figures carry float noise
        assertEquals("0.500 B", Units.bytes(0.5));
        assertEquals("872 B", Units.bytes(872));
        assertEquals("9999 B", Units.bytes(9999));
        assertEquals("10.0 kB", Units.bytes(10_000));
        assertEquals("1234.5 B", Units.bytes(1234.5));
        assertEquals("1016.2 B", Units.bytes(1016.2));
        assertEquals("12.3 kB", Units.bytes(12_345));
        assertEquals("60.8 MB", Units.bytes(60.8e6));
        assertEquals("8300.4 B", Units.bytes(8300.4));
        assertEquals("83.0 kB", Units.bytes(83_000.4));
        assertEquals("1.00 GB", Units.bytes(999.9e6));
        assertEquals("256 MiB", Units.bytesBinary(256L * 1024 * 1024));
        assertEquals("1.50 KiB", Units.bytesBinary(1536));
        assertEquals("16 B", Units.bytesBinary(16));
    }

    @Test
    void countsRatesPercentagesPValues() {
        assertEquals("1.60M", Units.count(1.6e6));
        assertEquals("999", Units.count(999));
        assertEquals("1.23M ops/s", Units.rate(1_234_567, "ops"));
        assertEquals("512 MB/s", Units.bytesPerSecond(512e6));
        assertEquals("12.3%", Units.percent(0.123));
        assertEquals("-37.56%", Units.deltaPercent(-37.561));
        assertEquals("+0.00%", Units.deltaPercent(0));
        assertEquals("p=0.000", Units.pValue(0.00001));
        assertEquals("p=0.042", Units.pValue(0.0421));
        assertEquals("245×", Units.ratio(245.2));
    }

    @Test
    void scoresInJmhUnits() {
        assertEquals("12.3 ns/op", Units.score(12.34, "ns/op"));
        assertEquals("1.50 µs/op", Units.score(1500, "ns/op"));
        assertEquals("1.50 ms/op", Units.score(1500, "us/op"));
        assertEquals("1016 B/op", Units.score(1016, "B/op"));
        assertEquals("3.45 ops/s", Units.score(3.45, "ops/s"));
    }

    @Test
    void valueWithErrorInOneUnit() {
        assertEquals("12.3 ns ± 0.4 ns", Units.withError(12.34, 0.41, "ns"));
        assertEquals("59.4 ± 2.1 µs/op", Units.withError(59_400, 2_100, "ns/op"));
        assertEquals("59.4 ± 0.9 µs/op", Units.withError(59_400, 900, "ns/op"));
        assertEquals("1.50 ± 0.02 ms/op", Units.withError(1500, 20, "us/op"));
        assertEquals("3.45 ops/s ± 0.12 ops/s", Units.withError(3.45, 0.123, "ops/s"));
        assertEquals("1016 B/op ± 0 B/op", Units.withError(1016, 0, "B/op"));
        assertEquals("12.3 ns", Units.withError(12.34, Double.NaN, "ns"));
    }
}
