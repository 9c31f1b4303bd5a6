package dev.perfkernel.kernel.magic;

import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.Magic;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.UsageException;

import java.util.List;

/** {@code %help}: every magic with its summary; {@code %help NAME}: one magic's full help. */
public final class HelpMagic implements Magic {
    private final MagicRegistry registry;

    public HelpMagic(MagicRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public MagicHelp help() {
        return new MagicHelp(List.of("%help", "%help NAME"), "Lists every magic, or shows one magic's full help.",
                List.of(), """
                        Magics start a cell: %%name ARGS on the first line makes the whole cell the magic's input;
                        leading %name ARGS lines run in order before the rest of the cell runs as Java.
                        %name --help (or -h) shows the same help as %help name.""");
    }

    @Override
    public void run(Invocation inv, MagicContext context) throws Exception {
        if (inv.args().size() > 1) throw new UsageException("%help: give at most one magic name", help().usage(name()));
        if (inv.args().size() == 1) {
            String n = inv.args().get(0).replaceFirst("^%+", "");
            Magic m = registry.find(n).orElseThrow(() -> new UsageException("%help: no magic named " + n
                    + (registry.closeNames(n).isEmpty() ? "" : "; close: " + String.join(", ", registry.closeNames(n))),
                    "Magics: " + String.join(", ", registry.names())));
            context.output().stdout(m.help().render(m.name()));
            return;
        }
        StringBuilder sb = new StringBuilder("Magics (%help NAME or %NAME --help for details):\n\n");
        List<Magic> all = registry.all();
        int w = all.stream().mapToInt(m -> label(m).length()).max().orElse(0);
        for (Magic m : all) {
            String l = label(m);
            sb.append("  ").append(l).append(" ".repeat(w - l.length() + 2)).append(m.help().summary()).append('\n');
        }
        context.output().stdout(sb.toString());
    }

    private static String label(Magic m) {
        return "%" + m.name() + (m.aliases().isEmpty() ? "" : " (%" + String.join(", %", m.aliases()) + ")");
    }
}
