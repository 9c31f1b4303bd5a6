package dev.perfkernel.magics.parse.asm;

/** Assembly syntax of the listing. */
public enum Syntax {
    ATT, INTEL;

    public static Syntax of(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "att", "at&t", "gas" -> ATT;
            case "intel" -> INTEL;
            default -> throw new IllegalArgumentException("syntax must be intel or att, got '" + name + "'");
        };
    }
}
