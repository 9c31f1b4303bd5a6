package dev.perfkernel.magics.disasm;

import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.fork.Jdks;
import dev.perfkernel.magics.parse.asm.DecodedInstruction;
import dev.perfkernel.magics.parse.asm.ObjdumpDecoder;
import dev.perfkernel.magics.parse.asm.Syntax;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ObjdumpArchTest {

    @Test
    void jvmArchitectureNamesMapToObjdumpMachines() throws Exception {
        assertEquals("i386:x86-64", ObjdumpArch.machineFor("x86_64"));
        assertEquals("i386:x86-64", ObjdumpArch.machineFor("amd64"));
        assertEquals("aarch64", ObjdumpArch.machineFor("aarch64"));
        assertEquals("aarch64", ObjdumpArch.machineFor("arm64"));
        assertEquals("riscv:rv64", ObjdumpArch.machineFor("riscv64"));
    }

    @Test
    void anUnsupportedArchitectureIsAClearError() {
        MagicException e = assertThrows(MagicException.class, () -> ObjdumpArch.machineFor("sparcv9"));
        assertTrue(e.getMessage().contains("sparcv9"), e.getMessage());
        assertTrue(String.join("\n", e.details()).contains("hsdis"), e.details().toString());
    }

    @Test
    void theForksArchitectureComesFromItsReleaseFile(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"21\"\nOS_ARCH=\"aarch64\"\n");
        assertEquals("aarch64", ObjdumpArch.osArch(home));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"21\"\n");
        assertEquals(System.getProperty("os.arch"), ObjdumpArch.osArch(home), "no OS_ARCH: the kernel's machine");
    }

    @Test
    void theRunningJdksMachineDecodesRealCode() throws Exception {
        List<String> supported = ObjdumpArch.supportedMachines("objdump");
        Assumptions.assumeFalse(supported.isEmpty(), "objdump is not installed");
        String machine = ObjdumpArch.machineFor(Jdks.current());
        assertTrue(supported.contains(machine), machine + " in " + supported);
        Assumptions.assumeTrue(machine.equals("i386:x86-64"), "the bytes below are x86-64");
        // mov %rdi,%rax ; ret
        List<DecodedInstruction> code = new ObjdumpDecoder("objdump", machine)
                .decode(0x1000, new byte[] {0x48, (byte) 0x89, (byte) 0xf8, (byte) 0xc3}, Syntax.ATT);
        assertEquals(List.of("mov", "ret"), code.stream().map(DecodedInstruction::mnemonic).toList());
        assertEquals(0x1003, code.get(1).address());
    }
}
