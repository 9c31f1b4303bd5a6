package dev.perfkernel.magics.jit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.compile.CellLines;
import dev.perfkernel.magics.compile.CellLines.UserLine;
import dev.perfkernel.magics.jit.JitReport.Deopt;
import dev.perfkernel.magics.jit.JitReport.Eliminated;
import dev.perfkernel.magics.jit.UserCode.Site;
import dev.perfkernel.magics.parse.compilation.CompileTask;
import dev.perfkernel.magics.parse.compilation.InlineNode;
import dev.perfkernel.magics.render.Bundles;
import dev.perfkernel.magics.render.Html;
import dev.perfkernel.magics.render.Styles;
import dev.perfkernel.magics.render.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Renders a {@link JitReport}: tables and inlining trees as text and HTML, and the data as JSON. */
public final class JitRenderer {
    static final int MAX_TREE_NODES = 300;
    static final int MAX_TREE_DEPTH = 6;

    private JitRenderer() {
    }

    public static MimeBundle render(JitReport r, UserCode code, String title, List<String> notes, List<String> warnings) {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<div class=\"pk\">").append(Styles.styleElement());
        Bundles.heading(text, html, title, notes, warnings);
        section(text, html, allocations(r.allocations()), "No allocation in your code was eliminated (every `new` there "
                + "stays on the heap, or the code was not compiled by C2).");
        section(text, html, locks(r.locks()), "No lock in your code was eliminated.");
        section(text, html, deopts(r.deopts()), "No deoptimization or uncommon trap hit your code.");
        section(text, html, compilations(r.compilations()), "None of your methods was compiled.");
        Map<String, CompileTask> trees = treesToShow(r.compilations());
        for (Map.Entry<String, CompileTask> e : trees.entrySet()) {
            CompileTask t = e.getValue();
            String treeText = tree(t, code);
            String summary = "Inlining in " + e.getKey() + " (" + t.compiler().toUpperCase(Locale.ROOT) + ", tier " + t.level()
                    + (t.osr() ? ", OSR" : "") + ", compile id " + t.compileId() + ")";
            text.append('\n').append(summary).append('\n').append(treeText.indent(2));
            html.append(Bundles.detailsHtml(summary, "<pre>" + Html.escape(treeText) + "</pre>", t.level() == 4));
        }
        html.append("</div>");
        return MimeBundle.builder().text(text.toString()).html(html.toString()).json(json(r, code)).build();
    }

    private static void section(StringBuilder text, StringBuilder html, Table t, String empty) {
        text.append('\n');
        if (t.rowCount() == 0) {
            text.append(t.caption()).append(": ").append(empty).append('\n');
            html.append("<p><strong>").append(Html.escape(t.caption())).append("</strong>: ")
                    .append(Html.escape(empty)).append("</p>");
            return;
        }
        text.append(t.toText()).append('\n');
        html.append(t.toHtmlTable());
    }

    static String where(Site s) {
        return s.line().map(UserLine::label).orElse("bci " + s.bci());
    }

    static String source(Site s) {
        return s.line().map(UserLine::text).orElse("");
    }

    static String typeName(String type) {
        String q = dev.perfkernel.magics.source.SessionSource.QUALIFIED + "$";
        return type.startsWith(q) ? type.substring(q.length()).replace('$', '.') : type;
    }

    static Table allocations(List<Eliminated> list) {
        Table t = new Table().caption("Allocations eliminated by escape analysis (scalar replaced: no heap allocation)")
                .column("type").column("method").column("line").column("source").column("inlined from").column("compilations");
        for (Eliminated e : list) {
            t.row(typeName(e.type()), UserCode.display(e.site().method()), where(e.site()), source(e.site()), e.inlinedFrom(),
                    ids(e.compileIds()));
        }
        return t;
    }

    static Table locks(List<Eliminated> list) {
        Table t = new Table().caption("Locks eliminated").column("kind").column("method").column("line").column("source")
                .column("inlined from").column("compilations");
        for (Eliminated e : list) {
            t.row(e.type(), UserCode.display(e.site().method()), where(e.site()), source(e.site()), e.inlinedFrom(), ids(e.compileIds()));
        }
        return t;
    }

    static Table deopts(List<Deopt> list) {
        Table t = new Table().caption("Deoptimizations and uncommon traps hit at run time").column("event").column("reason")
                .column("action").column("method").column("line").column("source").column("compilation").column("times");
        for (Deopt d : list) {
            t.row(d.kind().replace('_', ' '), d.reason(), d.action(), d.site().map(s -> UserCode.display(s.method())).orElse(""),
                    d.site().map(JitRenderer::where).orElse(""), d.site().map(JitRenderer::source).orElse(""),
                    d.compileId() + (d.level() > 0 ? " (tier " + d.level() + ")" : ""), Integer.toString(d.count()));
        }
        return t;
    }

    static Table compilations(List<CompileTask> list) {
        Table t = new Table().caption("Compilations of your methods").column("id").column("method").column("tier")
                .column("OSR").column("code bytes").column("inlined bytes").column("ms").column("result");
        for (CompileTask c : list) {
            t.row(Integer.toString(c.compileId()), UserCode.display(c.method()), c.level() + " (" + c.compiler().toUpperCase(Locale.ROOT) + ")",
                    c.osr() ? "@" + c.osrBci() : "", Integer.toString(c.codeSize()), Integer.toString(c.inlinedBytes()),
                    c.millis() < 0 ? "" : String.format(Locale.ROOT, "%.1f", c.millis()),
                    c.success() ? "ok" : "failed" + (c.failure().isEmpty() ? "" : ": " + c.failure()));
        }
        return t;
    }

    private static String ids(List<Integer> ids) {
        return String.join(", ", ids.stream().map(String::valueOf).toList());
    }

    /** Per method the compilation whose tree is shown: the last successful C2 one, else the last. */
    static Map<String, CompileTask> treesToShow(List<CompileTask> tasks) {
        Map<String, CompileTask> out = new LinkedHashMap<>();
        for (CompileTask t : tasks) {
            String key = UserCode.display(t.method());
            CompileTask old = out.get(key);
            boolean better = old == null || (t.success() && (t.level() == 4 || old.level() != 4));
            if (better && !t.inlining().children().isEmpty()) out.put(key, t);
        }
        return out;
    }

    static String tree(CompileTask t, UserCode code) {
        StringBuilder sb = new StringBuilder(UserCode.display(t.method())).append('\n');
        int[] count = {0};
        appendChildren(sb, t.inlining(), code, 1, count);
        if (count[0] >= MAX_TREE_NODES) sb.append("… (tree cut at ").append(MAX_TREE_NODES).append(" call sites)\n");
        return sb.toString();
    }

    private static void appendChildren(StringBuilder sb, InlineNode parent, UserCode code, int depth, int[] count) {
        for (InlineNode n : parent.children()) {
            if (count[0]++ >= MAX_TREE_NODES) return;
            Optional<UserLine> line = code.isUser(parent.method()) ? code.line(parent.method(), n.bci()) : Optional.empty();
            sb.append("  ".repeat(depth)).append('@').append(n.bci())
                    .append(line.map(l -> " (" + l.label() + ")").orElse("")).append("  ")
                    .append(UserCode.display(n.method())).append("  ")
                    .append(n.inlined() ? "inlined" : "NOT inlined")
                    .append(n.reason().isEmpty() ? "" : ": " + n.reason()).append('\n');
            if (depth < MAX_TREE_DEPTH) appendChildren(sb, n, code, depth + 1, count);
        }
    }

    static JsonObject json(JitReport r, UserCode code) {
        JsonObject o = new JsonObject();
        JsonArray inl = new JsonArray();
        for (CompileTask t : treesToShow(r.compilations()).values()) {
            t.inlining().walk((n, depth) -> {
                if (depth == 0 || inl.size() >= 5000) return;
                JsonObject j = new JsonObject();
                j.addProperty("compile_id", t.compileId());
                j.addProperty("tier", t.level());
                j.addProperty("root", UserCode.display(t.method()));
                j.addProperty("callee", UserCode.display(n.method()));
                j.addProperty("callee_class", n.method().holder());
                j.addProperty("bci", n.bci());
                j.addProperty("depth", depth);
                j.addProperty("inlined", n.inlined());
                j.addProperty("reason", n.reason());
                inl.add(j);
            });
        }
        o.add("inlining", inl);
        o.add("eliminated_allocations", eliminations(r.allocations()));
        o.add("eliminated_locks", eliminations(r.locks()));
        JsonArray de = new JsonArray();
        for (Deopt d : r.deopts()) {
            JsonObject j = new JsonObject();
            j.addProperty("kind", d.kind());
            j.addProperty("reason", d.reason());
            j.addProperty("action", d.action());
            j.addProperty("method", d.site().map(s -> UserCode.display(s.method())).orElse(null));
            putLine(j, d.site());
            j.addProperty("compile_id", d.compileId());
            j.addProperty("tier", d.level());
            j.addProperty("count", d.count());
            de.add(j);
        }
        o.add("deopts", de);
        JsonArray cs = new JsonArray();
        for (CompileTask c : r.compilations()) {
            JsonObject j = new JsonObject();
            j.addProperty("compile_id", c.compileId());
            j.addProperty("method", UserCode.display(c.method()));
            j.addProperty("tier", c.level());
            j.addProperty("compiler", c.compiler());
            j.addProperty("osr", c.osr());
            j.addProperty("code_size", c.codeSize());
            j.addProperty("inlined_bytes", c.inlinedBytes());
            j.addProperty("millis", c.millis());
            j.addProperty("success", c.success());
            if (!c.failure().isEmpty()) j.addProperty("failure", c.failure());
            cs.add(j);
        }
        o.add("compilations", cs);
        return o;
    }

    private static JsonArray eliminations(List<Eliminated> list) {
        JsonArray a = new JsonArray();
        for (Eliminated e : list) {
            JsonObject j = new JsonObject();
            j.addProperty("type", typeName(e.type()));
            j.addProperty("class", e.type());
            j.addProperty("method", UserCode.display(e.site().method()));
            putLine(j, Optional.of(e.site()));
            j.addProperty("bci", e.site().bci());
            if (!e.inlinedFrom().isEmpty()) j.addProperty("inlined_from", e.inlinedFrom());
            JsonArray ids = new JsonArray();
            e.compileIds().forEach(ids::add);
            j.add("compile_ids", ids);
            a.add(j);
        }
        return a;
    }

    private static void putLine(JsonObject j, Optional<Site> site) {
        CellLines.putJson(j, site.flatMap(Site::line));
    }
}
