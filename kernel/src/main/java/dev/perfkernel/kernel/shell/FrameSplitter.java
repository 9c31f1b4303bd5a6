package dev.perfkernel.kernel.shell;

import dev.perfkernel.engine.Frames;

/**
 * Separates the engine's display records from ordinary stdout text. Records and multi-byte
 * text may arrive split across any number of chunks; text before a record is always delivered
 * before it, so displays keep their place among prints.
 */
final class FrameSplitter {
    /** Where text and records go; called on the thread that feeds the splitter. */
    interface Listener {
        void text(String text);

        void frame(String json);
    }

    // A record bigger than this is not one of ours (or is broken): it is passed on as text.
    private static final int MAX_FRAME_CHARS = 64 * 1024 * 1024;

    private final String prefix;
    private final Listener listener;
    private final StringBuilder frame = new StringBuilder();
    private boolean inFrame;

    FrameSplitter(String token, Listener listener) {
        this.prefix = Frames.START + token + ":";
        this.listener = listener;
    }

    void accept(CharSequence chars) {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < chars.length(); k++) {
            char c = chars.charAt(k);
            if (!inFrame) {
                if (c == Frames.START) {
                    inFrame = true;
                    frame.append(c);
                } else {
                    text.append(c);
                }
                continue;
            }
            frame.append(c);
            int n = frame.length();
            if (n <= prefix.length()) {
                if (c != prefix.charAt(n - 1)) {
                    // Not a record after all: the characters so far were text, except a new start.
                    frame.setLength(n - 1);
                    text.append(frame);
                    frame.setLength(0);
                    inFrame = false;
                    if (c == Frames.START) {
                        inFrame = true;
                        frame.append(c);
                    } else {
                        text.append(c);
                    }
                }
            } else if (c == Frames.END) {
                if (text.length() > 0) {
                    listener.text(text.toString());
                    text.setLength(0);
                }
                listener.frame(frame.substring(prefix.length(), n - 1));
                frame.setLength(0);
                inFrame = false;
            } else if (n > MAX_FRAME_CHARS) {
                text.append(frame);
                frame.setLength(0);
                inFrame = false;
            }
        }
        if (text.length() > 0) listener.text(text.toString());
    }
}
