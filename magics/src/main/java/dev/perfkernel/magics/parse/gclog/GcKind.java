package dev.perfkernel.magics.parse.gclog;

/** What kind of collection an event is, across collectors. */
public enum GcKind {
    /** Stop-the-world young collection (Serial, Parallel, G1 normal/concurrent start/prepare mixed). */
    YOUNG("young"),
    /** G1 mixed collection: young plus some old regions. */
    MIXED("mixed"),
    /** Stop-the-world full collection of the whole heap. */
    FULL("full"),
    /** G1's remark pause of a concurrent mark cycle. */
    REMARK("remark"),
    /** G1's cleanup pause of a concurrent mark cycle. */
    CLEANUP("cleanup"),
    /** G1's concurrent mark (or undo) cycle; its pauses are the remark and cleanup events. */
    CONCURRENT_MARK("concurrent mark"),
    /** A whole concurrent collection (non-generational ZGC, Shenandoah); pause = sum of its short pauses. */
    CONCURRENT_CYCLE("concurrent cycle"),
    /** Generational ZGC: a young-only concurrent collection. */
    MINOR("minor"),
    /** Generational ZGC: a young and old concurrent collection. */
    MAJOR("major"),
    /** Shenandoah: a cycle that fell back to a stop-the-world finish. */
    DEGENERATED("degenerated"),
    /** A pause this parser does not classify further. */
    OTHER("other");

    private final String label;

    GcKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True for collections whose whole duration stops the application. */
    public boolean stopTheWorld() {
        return this == YOUNG || this == MIXED || this == FULL || this == REMARK || this == CLEANUP
                || this == DEGENERATED || this == OTHER;
    }
}
