package dev.perfkernel.magics.render;

import dev.perfkernel.magics.compile.CellLines;
import dev.perfkernel.magics.stats.Units;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A flame graph from collapsed stacks, the format of Brendan Gregg's {@code stackcollapse}
 * scripts and async-profiler's {@code collapsed} output: one line per distinct stack,
 * {@code root;caller;callee COUNT}. Root at the bottom, each frame as wide as the samples (or
 * bytes) under it, siblings in alphabetical order (like the classic tool, so two graphs of the
 * same code line up), tooltips via {@code <title>}, colour by origin: the user's code warm,
 * JDK frames blue, JMH harness grey, native/VM frames olive.
 *
 * <pre>{@code
 * FlameGraph fg = FlameGraph.parse("main;fib;fib 40\nmain;print 2\n");
 * String svg = fg.svg("CPU samples", "samples");
 * String html = fg.html("CPU samples", "samples");   // click a frame to zoom
 * }</pre>
 */
public final class FlameGraph {

    /** Where a frame comes from, which decides its colour. */
    public enum Origin { USER, JDK, HARNESS, NATIVE }

    /** A node of the merged call tree: {@code total} includes the children, {@code self} does not. */
    public static final class Node {
        final String name;
        final Map<String, Node> children = new LinkedHashMap<>();
        long total;
        long self;

        Node(String name) {
            this.name = name;
        }

        public String name() { return name; }
        public long total() { return total; }
        public long self() { return self; }

        public List<Node> children() {
            List<Node> c = new ArrayList<>(children.values());
            c.sort((a, b) -> a.name.compareTo(b.name));
            return c;
        }
    }

    /**
     * A laid-out frame: {@code x} and {@code width} are fractions of the total width (0..1);
     * depth 0 is the root "all".
     */
    public record Frame(String name, int depth, double x, double width, long count, long self, Origin origin) {}

    private final Node root = new Node("all");
    private int skippedLines;
    private boolean icicle;

    /** Root at the top (an icicle graph, like JDK Mission Control) instead of at the bottom. */
    public FlameGraph icicle(boolean on) {
        this.icicle = on;
        return this;
    }

    /** Parses collapsed stacks; blank lines are ignored and malformed lines counted in {@link #skippedLines()}. */
    public static FlameGraph parse(String collapsed) {
        FlameGraph fg = new FlameGraph();
        for (String line : collapsed.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) continue;
            int sp = l.lastIndexOf(' ');
            long count;
            try {
                count = sp < 0 ? -1 : Long.parseLong(l.substring(sp + 1));
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 0 || sp == 0) {
                fg.skippedLines++;
                continue;
            }
            fg.add(List.of(l.substring(0, sp).split(";")), count);
        }
        return fg;
    }

    /** Builds from stack → count, each stack root first. */
    public static FlameGraph fromStacks(Map<List<String>, Long> stacks) {
        FlameGraph fg = new FlameGraph();
        stacks.forEach(fg::add);
        return fg;
    }

    /** Adds {@code count} samples of one stack, root first. */
    public FlameGraph add(List<String> stack, long count) {
        if (count <= 0) return this;
        Node n = root;
        n.total += count;
        for (String frame : stack) {
            if (frame.isEmpty()) continue;
            n = n.children.computeIfAbsent(frame, Node::new);
            n.total += count;
        }
        n.self += count;
        return this;
    }

    public Node root() {
        return root;
    }

    public long total() {
        return root.total;
    }

    public int skippedLines() {
        return skippedLines;
    }

    public int maxDepth() {
        return depth(root);
    }

    private static int depth(Node n) {
        int d = 0;
        for (Node c : n.children.values()) d = Math.max(d, 1 + depth(c));
        return d;
    }

    /** Every frame laid out, parents before children. */
    public List<Frame> frames() {
        List<Frame> out = new ArrayList<>();
        if (root.total > 0) layout(root, 0, 0, out);
        return out;
    }

    private void layout(Node n, int depth, double x, List<Frame> out) {
        double w = (double) n.total / root.total;
        out.add(new Frame(n.name, depth, x, w, n.total, n.self, depth == 0 ? Origin.NATIVE : origin(n.name)));
        double cx = x;
        for (Node c : n.children()) {
            layout(c, depth + 1, cx, out);
            cx += (double) c.total / root.total;
        }
    }

    /** Classifies a frame name such as {@code java.util.HashMap.put} or {@code com.acme.Foo.bar:12}. */
    public static Origin origin(String frame) {
        String f = frame.startsWith("[") ? frame : frame.strip();
        if (f.startsWith("java.") || f.startsWith("javax.") || f.startsWith("jdk.") || f.startsWith("sun.")
                || f.startsWith("com.sun.")) return Origin.JDK;
        if (f.startsWith("org.openjdk.jmh.") || CellLines.isJmhGenerated(f)) {
            return Origin.HARNESS;
        }
        // Native and VM frames carry no package: "[unknown]", "__memset_avx2", "Interpreter", "JavaCalls::call".
        if (f.startsWith("[") || !f.contains(".") || f.contains("::")) return Origin.NATIVE;
        return Origin.USER;
    }

    /**
     * Hue varies with the frame's class (text before the last '.'), lightness with the method, so
     * frames of one class look alike and neighbours still differ.
     */
    static String colour(String name, Origin o) {
        int dot = name.lastIndexOf('.');
        String cls = dot > 0 ? name.substring(0, dot) : name;
        double v = Math.floorMod(cls.hashCode(), 1000) / 1000.0;
        double w = Math.floorMod(name.hashCode(), 1000) / 1000.0;
        switch (o) {
            case USER: return hsl(8 + 37 * v, 85, 54 + 10 * w);          // warm: red to orange
            case JDK: return hsl(198 + 28 * v, 55, 60 + 12 * w);         // blue
            case HARNESS: return hsl(0, 0, 70 + 12 * w);                  // grey
            default: return hsl(58 + 22 * v, 45, 52 + 10 * w);           // olive
        }
    }

    private static String hsl(double h, double s, double l) {
        return String.format(Locale.ROOT, "hsl(%.0f,%.0f%%,%.0f%%)", h, s, l);
    }

    private static final double WIDTH = 960, ROW = 17, MIN_PX = 0.3;

    /** Static SVG; frames narrower than a third of a pixel are left out (their parent still shows them). */
    public String svg(String title, String unit) {
        return render(title, unit, false);
    }

    private String render(String title, String unit, boolean interactive) {
        int depth = maxDepth() + 1;
        double top = 34, bottom = 30;
        double height = top + depth * ROW + bottom;
        Svg svg = new Svg(WIDTH, height);
        svg.title(title);
        if (root.total == 0) {
            svg.text(WIDTH / 2, top + 20, "no samples", "middle", 12, Svg.AXIS, null);
            return svg.finish();
        }
        double pad = 10, w = WIDTH - 2 * pad;
        for (Frame f : frames()) {
            double px = f.width() * w;
            if (px < MIN_PX) continue;
            double x = pad + f.x() * w;
            double y = top + (icicle ? f.depth() : depth - 1 - f.depth()) * ROW;
            String tip = String.format(Locale.ROOT, "%s — %s %s (%.2f%%), self %s", f.name(),
                    Units.count(f.count()), unit, 100.0 * f.count() / root.total, Units.count(f.self()));
            svg.raw("<g class=\"f\"");
            if (interactive) {
                svg.raw(String.format(Locale.ROOT, " data-x=\"%.6f\" data-w=\"%.6f\" data-d=\"%d\"", f.x(), f.width(), f.depth()));
            }
            svg.raw("><title>").raw(Html.escape(tip)).raw("</title>");
            svg.rect(x, y, Math.max(px - 0.5, 0.2), ROW - 1, colour(f.name(), f.origin()), "rx=\"1.5\"");
            String label = label(f.name(), px - 6);
            svg.raw("<text x=\"" + Svg.n(x + 3) + "\" y=\"" + Svg.n(y + ROW - 5) + "\" font-size=\"11\" fill=\"#111\""
                    + (interactive ? " data-n=\"" + Html.escape(f.name()) + "\" data-s=\"" + Html.escape(shortName(f.name())) + "\"" : "")
                    + ">" + Html.escape(label) + "</text>");
            svg.raw("</g>");
        }
        double ly = height - 10;
        List<String> names = List.of("user code", "JDK", "JMH harness", "native / VM");
        List<String> colours = List.of(colour("a", Origin.USER), colour("a", Origin.JDK), colour("a", Origin.HARNESS),
                colour("a", Origin.NATIVE));
        Axes.legend(svg, pad, ly, names, colours, false);
        svg.text(WIDTH - pad, ly, "total " + Units.count(root.total) + " " + unit
                + (interactive ? " · click a frame to zoom, click \"all\" to reset" : ""), "end", 11, "#555", null);
        return svg.finish();
    }

    /** The full name when it fits, else {@code Class.method} (package dropped), else that cut with an ellipsis. */
    static String label(String name, double px) {
        String full = Svg.fit(name, px, 11);
        if (full.equals(name)) return name;
        return Svg.fit(shortName(name), px, 11);
    }

    /** {@code java.util.HashMap.putVal} → {@code HashMap.putVal}; names without a package are kept. */
    static String shortName(String name) {
        int last = name.lastIndexOf('.');
        if (last <= 0) return name;
        int prev = name.lastIndexOf('.', last - 1);
        return prev < 0 ? name : name.substring(prev + 1);
    }

    /**
     * The SVG inside HTML with a few lines of script: clicking a frame zooms so that frame fills
     * the width (its ancestors stay full width, frames outside it are hidden); clicking the root
     * resets. Without script (nbconvert, untrusted notebooks) it is the static graph.
     */
    public String html(String title, String unit) {
        String id = "pkfg" + Long.toHexString(Double.doubleToLongBits(Math.random()) ^ System.nanoTime());
        String svg = render(title, unit, true);
        return "<div class=\"pk\" id=\"" + id + "\">" + svg + "<script>(function(){"
                + "var root=document.getElementById('" + id + "');if(!root)return;"
                + "var P=10,W=" + Svg.n(WIDTH) + "-2*P;"
                + "function zoom(x0,w0,d0){root.querySelectorAll('g.f').forEach(function(g){"
                + "var x=+g.dataset.x,w=+g.dataset.w,d=+g.dataset.d,r=g.querySelector('rect'),t=g.querySelector('text');"
                + "var inside=x>=x0-1e-9&&x+w<=x0+w0+1e-9,anc=d<d0&&x<=x0+1e-9&&x+w>=x0+w0-1e-9;"
                + "if(!(inside||anc)){g.style.display='none';return;}g.style.display='';"
                + "var nx=anc?0:(x-x0)/w0,nw=anc?1:w/w0,px=nw*W;"
                + "r.setAttribute('x',P+nx*W);r.setAttribute('width',Math.max(px-0.5,0.2));t.setAttribute('x',P+nx*W+3);"
                + "var n=t.dataset.n,m=Math.floor((px-6)/(11*0.62));if(n.length>m)n=t.dataset.s;"
                + "t.textContent=n.length<=m?n:(m<3?'':n.substring(0,m-1)+'\\u2026');});}"
                + "root.querySelectorAll('g.f').forEach(function(g){g.style.cursor='pointer';"
                + "g.addEventListener('click',function(){zoom(+g.dataset.x,+g.dataset.w,+g.dataset.d);});});"
                + "})();</script></div>";
    }

    /** Collapsed-stack text of this graph (for saving to other flame-graph tools). */
    public String toCollapsed() {
        StringBuilder sb = new StringBuilder();
        collapse(root, new ArrayList<>(), sb);
        return sb.toString();
    }

    private static void collapse(Node n, List<String> path, StringBuilder sb) {
        if (n.self > 0 && !path.isEmpty()) sb.append(String.join(";", path)).append(' ').append(n.self).append('\n');
        for (Node c : n.children()) {
            path.add(c.name);
            collapse(c, path, sb);
            path.remove(path.size() - 1);
        }
    }

    /** Text summary: the widest frames by self count (a flat "top"). */
    public String summary(String title, String unit, int top) {
        Map<String, long[]> byName = new LinkedHashMap<>();
        for (Frame f : frames()) {
            if (f.depth() == 0) continue;
            byName.computeIfAbsent(f.name(), k -> new long[1])[0] += f.self();
        }
        StringBuilder sb = new StringBuilder(title).append(": ").append(Units.count(root.total)).append(' ').append(unit)
                .append(", ").append(maxDepth()).append(" frames deep\n");
        byName.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(top)
                .forEach(e -> sb.append(String.format(Locale.ROOT, "  %6.2f%%  %s%n",
                        100.0 * e.getValue()[0] / root.total, e.getKey())));
        return sb.toString();
    }
}
