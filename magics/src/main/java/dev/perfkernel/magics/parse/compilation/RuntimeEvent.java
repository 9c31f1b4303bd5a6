package dev.perfkernel.magics.parse.compilation;

import java.util.List;

/**
 * Something that happened to compiled code while the program ran: an uncommon trap was hit, a
 * frame was deoptimized, or a compilation was made not entrant.
 *
 * @param kind      {@code uncommon_trap}, {@code deoptimized} or {@code make_not_entrant}
 * @param compileId the compilation affected
 * @param level     its tier, 0 when not given
 * @param osr       whether it was an OSR compilation
 * @param reason    e.g. {@code unstable_if}, {@code class_check}; empty when none
 * @param action    e.g. {@code reinterpret}, {@code maybe_recompile}; empty when none
 * @param jvms      where, innermost first
 * @param stampMillis when, milliseconds since JVM start (-1 when not given)
 */
public record RuntimeEvent(String kind, int compileId, int level, boolean osr, String reason, String action,
                           List<JvmsFrame> jvms, double stampMillis) {
    public RuntimeEvent {
        jvms = List.copyOf(jvms);
    }
}
