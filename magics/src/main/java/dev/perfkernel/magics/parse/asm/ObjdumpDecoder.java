package dev.perfkernel.magics.parse.asm;

import dev.perfkernel.magics.api.MagicException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Decodes raw x86-64 machine code with binutils' {@code objdump}, which every Debian has, so
 * the JVM's hex dump becomes real instructions without an hsdis plug-in. The bytes go through a
 * file in a private temp directory that is always deleted; {@code --adjust-vma} makes objdump
 * print the JVM's own addresses, so jump targets and the JVM's comments line up.
 */
public final class ObjdumpDecoder {

    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*\\t(\\S+)\\s*(.*)$");
    private static final Pattern BYTES_ONLY = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*$");
    private static final long TIMEOUT_SECONDS = 20;

    private final String objdump;
    private final String machine;

    public ObjdumpDecoder() {
        this("objdump");
    }

    public ObjdumpDecoder(String objdump) {
        this(objdump, "i386:x86-64");
    }

    /** @param machine objdump's {@code -m} name of the code's architecture, e.g. {@code aarch64} */
    public ObjdumpDecoder(String objdump, String machine) {
        this.objdump = objdump;
        this.machine = machine;
    }

    /** True when objdump can be started. */
    public boolean available() {
        try {
            Process p = new ProcessBuilder(objdump, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public List<DecodedInstruction> decode(long address, byte[] code, Syntax syntax) throws MagicException {
        if (code.length == 0) return List.of();
        Path dir = null;
        try {
            dir = dev.perfkernel.magics.fork.TempDirs.create("objdump");
            Path bin = dir.resolve("code.bin");
            Path out = dir.resolve("out.txt");
            Files.write(bin, code);
            List<String> cmd = new ArrayList<>(List.of(objdump, "-D", "-b", "binary", "-m", machine,
                    "--adjust-vma=0x" + Long.toHexString(address), "--insn-width=16", "-w"));
            if (syntax == Syntax.INTEL && machine.startsWith("i386")) cmd.add("-M" + "intel");   // x86 only
            cmd.add(bin.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new MagicException("objdump did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new MagicException("ObjdumpError", "objdump failed (exit " + p.exitValue() + ")",
                        text.lines().limit(10).toList());
            }
            return parse(text);
        } catch (IOException e) {
            throw new MagicException("ObjdumpError", "cannot run objdump (install binutils): " + e.getMessage(), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MagicException("interrupted while decoding machine code");
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Parses objdump's listing; long instructions that wrap continue on a bytes-only line. */
    static List<DecodedInstruction> parse(String listing) {
        List<DecodedInstruction> out = new ArrayList<>();
        for (String line : listing.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                String hex = m.group(2).strip();
                out.add(new DecodedInstruction(Long.parseUnsignedLong(m.group(1), 16), hex.split(" +").length,
                        hex, m.group(3), m.group(4).strip()));
                continue;
            }
            Matcher b = BYTES_ONLY.matcher(line);
            if (b.matches() && !out.isEmpty()) {
                DecodedInstruction last = out.remove(out.size() - 1);
                String hex = last.hex() + " " + b.group(2).strip();
                out.add(new DecodedInstruction(last.address(), hex.split(" +").length, hex, last.mnemonic(), last.operands()));
            }
        }
        return out;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the directory is private and small
        }
    }
}
