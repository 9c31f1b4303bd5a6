package dev.perfkernel.magics.parse.asm;

import java.util.List;

/**
 * A decoded instruction with what the JVM said about it.
 *
 * @param address   absolute address
 * @param length    bytes, 0 when unknown
 * @param hex       the bytes, empty when unknown
 * @param mnemonic  e.g. {@code lea}
 * @param text      the whole instruction as printed by the disassembler
 * @param comments  the JVM's comments attached to this instruction ({@code {poll}}, {@code ;*iaload}, ...)
 * @param frames    debug info at this instruction, innermost first (empty when none here)
 * @param scope     the debug info in effect: {@code frames}, or the nearest earlier instruction's
 * @param callTarget for calls, what is called (runtime stub or invoked method), else null
 * @param jumpTarget for direct jumps and calls, the target address, else -1
 * @param backEdge  a jump to an earlier address in the same code: the end of a loop
 * @param loopHead  the target of a back edge
 * @param safepointPoll a safepoint poll (in loops and at returns)
 */
public record Instruction(long address, int length, String hex, String mnemonic, String text,
                          List<String> comments, List<Frame> frames, List<Frame> scope,
                          String callTarget, long jumpTarget, boolean backEdge, boolean loopHead,
                          boolean safepointPoll) {

    public Instruction {
        comments = List.copyOf(comments);
        frames = List.copyOf(frames);
        scope = List.copyOf(scope);
    }

    public boolean isCall() {
        return mnemonic.startsWith("call");
    }
}
