package dev.perfkernel.magics.api;

/** The cell's output area. Every method may be called from any thread. */
public interface Output {

    /** Shows a bundle as its own {@code display_data} message. */
    void display(MimeBundle bundle);

    /** Shows a bundle that can later be replaced in place (progress, live tables). */
    DisplayHandle displayUpdatable(MimeBundle bundle);

    /** Text on the cell's stdout stream. */
    void stdout(String text);

    /** Text on the cell's stderr stream. */
    void stderr(String text);

    /** A display that can be replaced in place. */
    interface DisplayHandle {
        void update(MimeBundle bundle);
    }
}
