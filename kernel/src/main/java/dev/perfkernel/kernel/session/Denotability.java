package dev.perfkernel.kernel.session;

import java.util.Optional;

/** Whether a type name that JShell inferred for {@code var} can be written in a field declaration. */
final class Denotability {
    private Denotability() {
    }

    /** Why {@code typeName} cannot be written in source, or empty if it can. */
    static Optional<String> whyNot(String typeName) {
        if (typeName == null || typeName.isBlank() || typeName.startsWith("<none") || typeName.startsWith("<any")) {
            return Optional.of("its type is unknown");
        }
        if (typeName.contains("<anonymous")) {
            return Optional.of("its type is an anonymous class (" + typeName + ")");
        }
        if (typeName.contains("capture#")) {
            return Optional.of("its type contains a captured wildcard (" + typeName + ")");
        }
        if (typeName.contains("&")) {
            return Optional.of("its type is an intersection type (" + typeName + ")");
        }
        if (typeName.contains("<nulltype>") || typeName.contains("<local")) {
            return Optional.of("its type cannot be named (" + typeName + ")");
        }
        return Optional.empty();
    }
}
