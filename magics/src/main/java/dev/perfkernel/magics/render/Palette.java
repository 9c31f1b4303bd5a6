package dev.perfkernel.magics.render;

/** Categorical colours (Tableau 10): distinguishable, colour-blind tolerant, same order in SVG and Vega-Lite. */
public final class Palette {

    private Palette() {}

    public static final String[] CATEGORY = {
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
        "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"
    };

    public static String category(int i) {
        return CATEGORY[Math.floorMod(i, CATEGORY.length)];
    }
}
