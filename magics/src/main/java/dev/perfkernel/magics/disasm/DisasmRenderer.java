package dev.perfkernel.magics.disasm;

import dev.perfkernel.magics.source.MethodTarget;
import dev.perfkernel.magics.compile.CellLines;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.disasm.AnnotatedListing.Group;
import dev.perfkernel.magics.disasm.AnnotatedListing.Row;
import dev.perfkernel.magics.compile.CellLines.UserLine;
import dev.perfkernel.magics.parse.asm.Compilation;
import dev.perfkernel.magics.parse.asm.Frame;
import dev.perfkernel.magics.parse.asm.Instruction;
import dev.perfkernel.magics.render.Bundles;
import dev.perfkernel.magics.render.Html;
import dev.perfkernel.magics.render.Styles;

import java.util.List;
import java.util.Optional;

/**
 * Renders %disasm's result: per compilation a collapsible section (HTML) or a block (text) of
 * instructions grouped by cell line, with loops, safepoint polls and calls marked; and the same
 * as {@code application/json}.
 */
public final class DisasmRenderer {

    private static final String CSS = "<style>.pk .pk-asm td{font-family:var(--jp-code-font-family,monospace);"
            + "font-size:var(--jp-code-font-size,12px);padding:1px 8px;white-space:pre}"
            + ".pk .pk-asm tr.pk-src td{font-family:inherit;font-weight:600;padding-top:6px;"
            + "border-bottom:1px solid var(--jp-border-color2,rgba(128,128,128,.3))}"
            + ".pk .pk-asm tr.pk-src code{font-weight:400}"
            + ".pk .pk-asm .pk-loop{background:rgba(46,120,220,.16)}.pk .pk-asm .pk-poll{background:rgba(210,153,34,.18)}"
            + ".pk .pk-asm .pk-call{background:rgba(160,90,200,.12)}.pk .pk-asm .pk-cmt{opacity:.65;white-space:normal;min-width:20em}</style>";

    private DisasmRenderer() {
    }

    /**
     * @param title   e.g. {@code %disasm add — JDK 25 (...)}
     * @param notes   lines shown under the title (how it was obtained, flags)
     * @param warnings shown first, amber
     */
    public static MimeBundle render(MethodTarget target, String title, List<String> notes, List<String> warnings,
                                    List<Compilation> compilations, CellLines lines, String jdk, Frame entry) {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<div class=\"pk\">").append(Styles.styleElement()).append(CSS);
        Bundles.heading(text, html, title, notes, warnings);
        int open = preferred(compilations);
        JsonArray jc = new JsonArray();
        for (int i = 0; i < compilations.size(); i++) {
            Compilation c = compilations.get(i);
            List<Group> groups = AnnotatedListing.of(c, lines, entry);
            String summary = c.label() + " — " + c.instructions().size() + " instructions"
                    + count(c, Instruction::backEdge, " loop back edge") + count(c, Instruction::safepointPoll, " safepoint poll")
                    + count(c, Instruction::isCall, " call");
            text.append('\n').append("== ").append(summary).append(" ==\n").append(text(groups));
            html.append(Bundles.detailsHtml(summary, html(groups), i == open));
            jc.add(json(c, groups));
        }
        JsonObject root = new JsonObject();
        root.addProperty("method", target.display());
        root.addProperty("class", target.className());
        root.addProperty("jdk", jdk);
        root.addProperty("decoder", compilations.isEmpty() ? "" : compilations.get(0).decoder());
        root.add("compilations", jc);
        html.append("</div>");
        return MimeBundle.builder().text(text.toString()).html(html.toString()).json(root).build();
    }

    /** The section opened by default: the last C2 (non-OSR) compilation, else the last one. */
    static int preferred(List<Compilation> cs) {
        for (int i = cs.size() - 1; i >= 0; i--) if (cs.get(i).level() == 4 && !cs.get(i).osr()) return i;
        return cs.size() - 1;
    }

    private static String count(Compilation c, java.util.function.Predicate<Instruction> p, String what) {
        long n = c.instructions().stream().filter(p).count();
        return n == 0 ? "" : ", " + n + what + (n == 1 ? "" : "s");
    }

    static String text(List<Group> groups) {
        StringBuilder sb = new StringBuilder();
        for (Group g : groups) {
            sb.append("  ").append(header(g)).append('\n');
            for (Row r : g.rows()) {
                Instruction in = r.instruction();
                String ins = in.text() + (r.repeat() > 1 ? "  × " + r.repeat() : "");
                sb.append(String.format("    0x%x  +0x%-4x  %-44s", in.address(), r.offset(), ins));
                if (!r.notes().isEmpty()) sb.append("  ").append(String.join("  ", r.notes()));
                if (!r.comments().isEmpty()) sb.append("  ; ").append(String.join(" | ", r.comments()));
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String header(Group g) {
        String where = g.line().map(l -> l.label() + ":  " + l.text()).orElse(g.otherCode().isEmpty()
                ? "(no source line: entry, stubs or code outside the cell)" : g.otherCode());
        return g.inlinedFrom().isEmpty() ? where : where + "   [inlined " + g.inlinedFrom() + "]";
    }

    static String html(List<Group> groups) {
        StringBuilder sb = new StringBuilder("<table class=\"pk-table pk-asm\"><thead><tr><th>address</th><th>offset</th>"
                + "<th>instruction</th><th>notes</th><th>JVM comment</th></tr></thead><tbody>");
        for (Group g : groups) {
            sb.append("<tr class=\"pk-src\"><td colspan=\"5\">");
            if (g.line().isPresent()) {
                UserLine l = g.line().get();
                sb.append(Html.escape(l.label())).append(": <code>").append(Html.escape(l.text())).append("</code>");
            } else if (!g.otherCode().isEmpty()) {
                sb.append(Html.escape(g.otherCode()));
            } else {
                sb.append("<span class=\"muted\">(no source line: entry, stubs or code outside the cell)</span>");
            }
            if (!g.inlinedFrom().isEmpty()) sb.append(" <span class=\"muted\">inlined ").append(Html.escape(g.inlinedFrom())).append("</span>");
            sb.append("</td></tr>");
            for (Row r : g.rows()) {
                Instruction in = r.instruction();
                String cls = in.backEdge() || in.loopHead() ? "pk-loop" : in.safepointPoll() ? "pk-poll" : in.isCall() ? "pk-call" : "";
                sb.append("<tr").append(cls.isEmpty() ? "" : " class=\"" + cls + "\"").append(">")
                        .append("<td>0x").append(Long.toHexString(in.address())).append("</td>")
                        .append("<td>+0x").append(Long.toHexString(r.offset())).append("</td>")
                        .append("<td>").append(Html.escape(in.text())).append(r.repeat() > 1 ? " × " + r.repeat() : "").append("</td>")
                        .append("<td>").append(Html.escape(String.join("  ", r.notes()))).append("</td>")
                        .append("<td class=\"pk-cmt\">").append(Html.escape(String.join(" | ", r.comments()))).append("</td></tr>");
            }
        }
        return sb.append("</tbody></table>").toString();
    }

    static JsonObject json(Compilation c, List<Group> groups) {
        JsonObject o = new JsonObject();
        o.addProperty("tier", c.level());
        o.addProperty("compiler", c.compiler());
        o.addProperty("compile_id", c.compileId());
        o.addProperty("osr", c.osr());
        if (c.osr()) o.addProperty("osr_bci", c.osrBci());
        o.addProperty("size", c.codeSize());
        o.addProperty("bytecode_size", c.bytecodeSize());
        JsonArray ins = new JsonArray();
        for (Group g : groups) {
            for (Row r : g.rows()) {
                for (int k = 0; k < r.repeat(); k++) {
                    Instruction in = k == 0 ? r.instruction() : c.instructions().get(c.instructions().indexOf(r.instruction()) + k);
                    ins.add(json(in, r, g.line(), k == 0));
                }
            }
        }
        o.add("instructions", ins);
        return o;
    }

    private static JsonObject json(Instruction in, Row r, Optional<UserLine> line, boolean first) {
        JsonObject o = new JsonObject();
        o.addProperty("address", "0x" + Long.toHexString(in.address()));
        o.addProperty("text", in.text());
        o.addProperty("mnemonic", in.mnemonic());
        o.addProperty("bytes", in.hex());
        CellLines.putJson(o, line);
        if (in.isCall()) o.addProperty("call", AnnotatedListing.callee(in));
        if (in.backEdge()) {
            o.addProperty("back_edge", true);
            o.addProperty("target", "0x" + Long.toHexString(in.jumpTarget()));
        }
        if (in.loopHead()) o.addProperty("loop_head", true);
        if (in.safepointPoll()) o.addProperty("safepoint_poll", true);
        if (first && !r.comments().isEmpty()) {
            JsonArray cs = new JsonArray();
            r.comments().forEach(cs::add);
            o.add("comments", cs);
        }
        return o;
    }
}
