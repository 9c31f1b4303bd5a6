package dev.perfkernel.kernel.shell;

import jdk.jshell.SourceCodeAnalysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inspect's text: JShell's documentation (a signature and the raw Javadoc comment, which JShell
 * reads from the JDK's {@code lib/src.zip}) turned into plain text a person reads in a tooltip.
 * Inline tags become their text ({@code {@code x}} is {@code x}, {@code {@link A#b}} is
 * {@code A.b}), HTML becomes paragraphs and list items, block tags become "Parameters:",
 * "Returns:", "Throws:" sections. At detail level 0 several overloads show one summary sentence
 * each; a single method, or detail level 1, shows everything.
 */
final class JavadocText {
    private static final int MAX_OVERLOADS_LISTED = 12;

    private JavadocText() {
    }

    /** The text for inspect's {@code text/plain}; null when there is nothing to show. */
    static String render(List<? extends SourceCodeAnalysis.Documentation> docs, int detailLevel) {
        if (docs.isEmpty()) return null;
        boolean brief = detailLevel == 0 && docs.size() > 1;
        StringBuilder sb = new StringBuilder();
        boolean anyJavadoc = false;
        int shown = 0;
        for (SourceCodeAnalysis.Documentation d : docs) {
            if (brief && shown == MAX_OVERLOADS_LISTED) {
                sb.append("\n… ").append(docs.size() - shown).append(" more overloads (inspect again for all)\n");
                break;
            }
            if (sb.length() > 0) sb.append(brief ? "\n" : "\n\n");
            sb.append(d.signature());
            String javadoc = d.javadoc();
            if (javadoc != null && !javadoc.isBlank()) {
                anyJavadoc = true;
                Parsed p = parse(javadoc);
                if (brief) {
                    String first = firstSentence(p.description);
                    if (!first.isEmpty()) sb.append("\n    ").append(first);
                } else {
                    sb.append("\n\n").append(p.full());
                }
            }
            shown++;
        }
        if (!anyJavadoc) {
            String hint = missingSourcesHint(Path.of(System.getProperty("java.home")));
            if (hint != null) sb.append("\n\n").append(hint);
        }
        return sb.toString();
    }

    /**
     * Why JDK classes show no Javadoc: the JDK running the kernel has no readable {@code src.zip}
     * (Debian links it to the openjdk-N-source package). Null when the sources are there.
     */
    static String missingSourcesHint(Path javaHome) {
        Path zip = javaHome.resolve("lib").resolve("src.zip");
        if (Files.isReadable(zip)) return null;
        String feature = String.valueOf(Runtime.version().feature());
        return "(No Javadoc: " + zip + " is missing"
                + (Files.isSymbolicLink(zip) ? " (a broken link)" : "")
                + ". On Debian/Ubuntu: sudo apt-get install openjdk-" + feature + "-source,"
                + " or run install/install.sh --install-deps as root.)";
    }

    /** A Javadoc comment split into its main description and its block tags, as plain text. */
    record Parsed(String description, List<String[]> params, String returns, List<String[]> throwsList,
                  List<String[]> others) {
        String full() {
            StringBuilder sb = new StringBuilder(description);
            section(sb, "Parameters:", params);
            if (returns != null) sb.append("\n\nReturns: ").append(returns);
            section(sb, "Throws:", throwsList);
            for (String[] o : others) sb.append("\n\n").append(o[0]).append(' ').append(o[1]);
            return sb.toString().strip();
        }

        private static void section(StringBuilder sb, String title, List<String[]> items) {
            if (items.isEmpty()) return;
            sb.append("\n\n").append(title);
            for (String[] i : items) sb.append("\n  ").append(i[0]).append(i[1].isEmpty() ? "" : " – " + i[1]);
        }
    }

    static Parsed parse(String javadoc) {
        // Block tags start a line with '@'; everything before the first is the main description.
        // (Not inside <pre>, where a line may be an annotation of a code example.)
        StringBuilder main = new StringBuilder();
        List<StringBuilder> blockText = new ArrayList<>();
        boolean inPre = false;
        for (String line : javadoc.split("\n", -1)) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.contains("<pre")) inPre = true;
            if (!inPre && line.strip().startsWith("@")) {
                blockText.add(new StringBuilder(line.strip()));
            } else {
                (blockText.isEmpty() ? main : blockText.get(blockText.size() - 1)).append('\n').append(line);
            }
            if (lower.contains("</pre")) inPre = false;
        }
        List<String> blocks = blockText.stream().map(StringBuilder::toString).toList();
        List<String[]> params = new ArrayList<>(), throwsList = new ArrayList<>(), others = new ArrayList<>();
        String returns = null;
        for (String block : blocks) {
            String tag = block.split("\\s", 2)[0];
            String rest = block.length() > tag.length() ? block.substring(tag.length()).strip() : "";
            switch (tag) {
                case "@param" -> params.add(nameAndText(rest));
                case "@return" -> returns = text(rest);
                case "@throws", "@exception" -> throwsList.add(nameAndText(rest));
                case "@since" -> others.add(new String[] {"Since:", text(rest)});
                case "@see" -> others.add(new String[] {"See also:", text(rest).replace('#', '.')});
                case "@deprecated" -> others.add(new String[] {"Deprecated:", text(rest)});
                case "@apiNote" -> others.add(new String[] {"API note:", text(rest)});
                default -> { }   // @implSpec, @implNote, @author, @serial...: not for a tooltip
            }
        }
        return new Parsed(text(main.toString()), params, returns, throwsList, others);
    }

    private static String[] nameAndText(String s) {
        String[] parts = s.split("\\s+", 2);
        String name = parts[0].startsWith("<") ? parts[0] : text(parts[0]);
        return new String[] {name, parts.length > 1 ? text(parts[1]) : ""};
    }

    /**
     * The first sentence (Javadoc's summary): up to a period followed by white space and a capital
     * letter or the end, so "e.g. a" does not end it (as javadoc's own sentence breaking does).
     */
    static String firstSentence(String description) {
        String flat = description.replaceAll("\\s+", " ").strip();
        for (int i = 0; i < flat.length() - 2; i++) {
            if (flat.charAt(i) == '.' && flat.charAt(i + 1) == ' ' && !Character.isLowerCase(flat.charAt(i + 2))) {
                return flat.substring(0, i + 1);
            }
        }
        return flat;
    }

    /** Javadoc prose (inline tags and HTML) as plain text with paragraphs and list items. */
    static String text(String raw) {
        String s = inlineTags(raw);
        s = s.replaceAll("(?i)<\\s*(p|/p|br\\s*/?|/ul|/ol|ul|ol|/pre|pre|/blockquote|blockquote)\\s*>", "\n\n")
                .replaceAll("(?i)<\\s*li\\s*>", "\n\n- ")
                .replaceAll("<[^>]*>", "");
        s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
        StringBuilder out = new StringBuilder();
        for (String para : s.split("\\n\\s*\\n")) {
            String flat = para.replaceAll("\\s+", " ").strip();
            if (flat.isEmpty()) continue;
            if (out.length() > 0) out.append(flat.startsWith("- ") ? "\n" : "\n\n");
            out.append(flat);
        }
        return out.toString();
    }

    /** Replaces {@code {@tag body}} with its text; braces inside the body may nest. */
    private static String inlineTags(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int start = s.indexOf("{@", i);
            if (start < 0) {
                out.append(s, i, s.length());
                break;
            }
            out.append(s, i, start);
            int depth = 0, end = start;
            for (; end < s.length(); end++) {
                char c = s.charAt(end);
                if (c == '{') depth++;
                else if (c == '}' && --depth == 0) break;
            }
            if (end >= s.length()) {   // unbalanced: keep the rest as it is
                out.append(s, start, s.length());
                break;
            }
            String body = s.substring(start + 2, end);
            String tag = body.split("\\s", 2)[0].toLowerCase(Locale.ROOT);
            String arg = body.length() > tag.length() ? body.substring(tag.length()).strip() : "";
            out.append(switch (tag) {
                case "code", "literal" -> arg;
                case "link", "linkplain" -> linkText(arg);
                case "value" -> arg.replace('#', '.');
                case "inheritdoc", "docroot" -> "";
                default -> arg;
            });
            i = end + 1;
        }
        return out.toString();
    }

    /** {@code {@link String#valueOf(Object) valueOf}} shows its label, else the reference as Java code. */
    private static String linkText(String arg) {
        int paren = arg.indexOf('(');
        int space = -1;
        int depth = 0;
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (Character.isWhitespace(c) && depth == 0) {
                space = i;
                break;
            }
        }
        if (space > 0 && (paren < 0 || space > paren || arg.indexOf(')') < space)) {
            String label = arg.substring(space).strip();
            if (!label.isEmpty()) return label;
        }
        String ref = space > 0 ? arg.substring(0, space) : arg;
        return ref.startsWith("#") ? ref.substring(1) : ref.replace('#', '.');
    }
}
