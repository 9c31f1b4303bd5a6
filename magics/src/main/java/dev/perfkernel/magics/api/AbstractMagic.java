package dev.perfkernel.magics.api;

/** A magic whose name and help are fixed when it is made; subclasses only {@link #run}. */
public abstract class AbstractMagic implements Magic {
    private final String name;
    private final MagicHelp help;

    protected AbstractMagic(String name, MagicHelp help) {
        this.name = name;
        this.help = help;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final MagicHelp help() {
        return help;
    }
}
