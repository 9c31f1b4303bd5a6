package dev.perfkernel.magics.render;

/** A cell's meaning, rendered as a CSS class (colour in HTML) and optionally a marker in plain text. */
public enum Status {
    NONE(""), PASS("pass"), FAIL("fail"), WARN("warn"), BETTER("better"), WORSE("worse"), MUTED("muted");

    public final String cssClass;

    Status(String cssClass) {
        this.cssClass = cssClass;
    }
}
