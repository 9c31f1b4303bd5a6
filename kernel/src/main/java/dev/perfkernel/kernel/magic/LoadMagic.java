package dev.perfkernel.kernel.magic;

import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.Magic;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.OptionParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code %load FILE}: runs a .jsh script or the declarations of a .java file in the session. */
public final class LoadMagic implements Magic {

    @Override
    public String name() {
        return "load";
    }

    @Override
    public MagicHelp help() {
        return new MagicHelp(List.of("%load FILE"),
                "Runs a .jsh script or a .java file's declarations in the session, as if typed into a cell.",
                List.of(), """
                        FILE is resolved against the notebook's folder. A .java file's package declaration
                        is dropped (JShell has no packages); its imports, types and methods become session
                        snippets that later cells and measuring magics can use. Errors name the file's lines.""");
    }

    @Override
    public void run(Invocation inv, MagicContext context) throws Exception {
        List<String> files = new OptionParser(name(), help()).parse(inv.args()).positional();
        if (files.size() != 1) throw new OptionParser(name(), help()).usage("give exactly one FILE");
        Path file = context.workingDirectory().resolve(files.get(0)).toAbsolutePath().normalize();
        String name = file.getFileName().toString();
        if (!name.endsWith(".jsh") && !name.endsWith(".java") && !name.endsWith(".jshell"))
            throw new OptionParser(name(), help()).usage("FILE must end in .jsh, .jshell or .java: " + name);
        String code;
        try {
            code = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MagicException("LoadError", "cannot read " + file + ": " + e.getMessage(), List.of());
        }
        if (name.endsWith(".java")) code = dropPackage(code);
        context.reportOutcome(context.run(code, 1, file.toString()));
    }

    /** Blanks the package declaration, keeping line numbers. */
    static String dropPackage(String code) {
        return code.replaceFirst("(?m)^\\s*package\\s+[\\w.]+\\s*;", "");
    }
}
