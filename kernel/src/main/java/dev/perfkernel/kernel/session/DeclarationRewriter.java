package dev.perfkernel.kernel.session;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a JShell top-level declaration into a member of the generated {@code Session} class.
 * JShell ignores access modifiers, {@code static} and (on variables) {@code final} at the top
 * level; in the unit every member is {@code public static} so harness code in another package
 * sees it, and variables stay non-final as they were in the session (a {@code static final}
 * field would let the JIT fold it as a constant, which the session never did).
 */
final class DeclarationRewriter {

    private static final Pattern ACCESS_OR_STATIC = Pattern.compile("\\b(public|protected|private|static)\\b");
    private static final Pattern VAR_KEYWORD = Pattern.compile("\\bvar\\b");

    private DeclarationRewriter() {
    }

    /** A rewritten declaration and the snippet line (0-based) its first line came from. */
    record Rewritten(String text, int sourceLine) {}

    /**
     * A method or type declaration with its modifiers made {@code public static}. Inside a
     * type, members without an access modifier become {@code public}: in JShell all code
     * shares one package, while harness code lives in another.
     */
    static Rewritten member(SnippetParser.Parsed parsed, Tree member, String stubBody) {
        String source = parsed.source;
        StringBuilder out = new StringBuilder(source);
        List<Edit> edits = new ArrayList<>();
        ModifiersTree mods = modifiers(member);
        int modStart = mods == null ? -1 : parsed.start(mods);
        int modEnd = mods == null ? -1 : parsed.end(mods);
        boolean hasMods = modStart >= 0 && modEnd > modStart;
        if (hasMods) {
            blankKeywords(out, parsed, mods, modStart, modEnd, ACCESS_OR_STATIC);
        }
        int newline = hasMods ? out.indexOf("\n", modStart) : -1;
        if (hasMods && out.substring(modStart, modEnd).isBlank() && (newline < 0 || newline >= modEnd)) {
            // Only access/static keywords on one line: write `public static` in their place.
            edits.add(new Edit(modStart, modEnd - modStart + (modEnd < out.length() && out.charAt(modEnd) == ' ' ? 1 : 0),
                    "public static "));
        } else {
            int at = hasMods ? modEnd : parsed.start(member);
            if (member.getKind() == Tree.Kind.ANNOTATION_TYPE && at > 0 && source.charAt(at - 1) == '@') {
                at--; // javac counts the `@` of `@interface` as part of the modifiers
            }
            edits.add(new Edit(at, 0, hasMods ? " public static " : "public static "));
        }
        if (stubBody != null && member instanceof MethodTree method && method.getBody() != null) {
            int bodyStart = parsed.start(method.getBody());
            int bodyEnd = parsed.end(method.getBody());
            if (bodyEnd > bodyStart && bodyStart >= 0) {
                edits.add(new Edit(bodyStart, bodyEnd - bodyStart, stubBody));
            }
        }
        int openFrom = 0;
        if (stubBody != null && member instanceof MethodTree method && method.getBody() != null) {
            openFrom = parsed.end(method.getBody()); // the stub replaces the body and what it declares
        }
        MemberOpener.open(parsed, member, openFrom, source.length())
                .forEach((at, r) -> edits.add(new Edit(at, r.length(), r.text())));
        edits.sort(Comparator.comparingInt(Edit::at).reversed());
        for (Edit e : edits) {
            out.replace(e.at(), e.at() + e.length(), e.text());
        }
        return new Rewritten(trimTrailing(out.toString()), 0);
    }

    private record Edit(int at, int length, String text) {}

    private static String applyEdits(String text, int offset, java.util.SortedMap<Integer, MemberOpener.Replacement> edits) {
        StringBuilder out = new StringBuilder(text);
        List<Integer> at = new ArrayList<>(edits.keySet());
        for (int i = at.size() - 1; i >= 0; i--) {
            MemberOpener.Replacement r = edits.get(at.get(i));
            out.replace(at.get(i) - offset, at.get(i) - offset + r.length(), r.text());
        }
        return out.toString();
    }

    /**
     * A field for one declarator of a variable snippet ({@code int a = 1, b = 2;} is two
     * snippets with the same source). {@code typeText} replaces a {@code var} type.
     */
    static Rewritten field(SnippetParser.Parsed parsed, String name, String inferredType) {
        String source = parsed.source;
        int searchFrom = 0;
        for (Tree tree : parsed.trees) {
            if (!(tree instanceof VariableTree variable)) {
                continue;
            }
            int end = parsed.end(variable);
            if (!variable.getName().contentEquals(name)) {
                searchFrom = Math.max(searchFrom, end);
                continue;
            }
            ModifiersTree mods = variable.getModifiers();
            int modStart = parsed.start(mods);
            int modEnd = parsed.end(mods);
            StringBuilder prefix = new StringBuilder();
            for (AnnotationTree annotation : mods.getAnnotations()) {
                prefix.append(source, parsed.start(annotation), parsed.end(annotation)).append(' ');
            }
            prefix.append("public static ");
            for (javax.lang.model.element.Modifier m : mods.getFlags()) {
                if (m == javax.lang.model.element.Modifier.TRANSIENT || m == javax.lang.model.element.Modifier.VOLATILE) {
                    prefix.append(m).append(' ');
                }
            }
            String type;
            int typeEnd;
            Tree typeTree = variable.getType();
            int typeStart = typeTree == null ? -1 : parsed.start(typeTree);
            if (typeStart < 0) {
                // `var`: javac's parser leaves no type tree on a field; find the keyword.
                Matcher m = VAR_KEYWORD.matcher(source);
                int from = Math.max(Math.max(modEnd, modStart), Math.max(0, parsed.start(variable)));
                if (!m.find(from) || inferredType == null) {
                    return null;
                }
                type = inferredType;
                typeEnd = m.end();
            } else {
                typeEnd = parsed.end(typeTree);
                String written = source.substring(typeStart, typeEnd);
                type = written.equals("var") && inferredType != null ? inferredType : written;
            }
            Matcher nameMatcher = Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(source);
            if (!nameMatcher.find(Math.max(typeEnd, searchFrom)) || end <= nameMatcher.start()) {
                return null;
            }
            String declarator = applyEdits(source.substring(nameMatcher.start(), end), nameMatcher.start(),
                    MemberOpener.open(parsed, variable, nameMatcher.start(), end)).replaceAll("[\\s,;]+$", "");
            return new Rewritten(prefix + type + " " + guardedInitializer(name, declarator), lineOf(source, nameMatcher.start()));
        }
        return null;
    }

    /** Name of the Session method that reports a failed initializer. */
    static final String INIT_FAILED = "perfkernel$initFailed";

    private static final Pattern DECLARATOR = Pattern.compile("^([\\w$]+(?:\\s*\\[\\s*\\])*)\\s*=\\s*(.*)$", Pattern.DOTALL);

    /**
     * The declarator {@code x = init} as {@code x; static { try { x = init; } catch ... }}. In JShell a
     * top-level initializer may throw checked exceptions ({@code Path p = Files.createTempFile(..)}),
     * which a field initializer may not; and an initializer that fails in a fork (a missing file)
     * must not make the whole session class unusable for a benchmark that never reads the field.
     * Array initializers ({@code = {1, 2}}) are not expressions and stay as they are.
     */
    static String guardedInitializer(String name, String declarator) {
        Matcher m = DECLARATOR.matcher(declarator);
        if (!m.matches() || m.group(2).startsWith("{")) {
            return declarator + ";";
        }
        return m.group(1) + "; static { try { " + name + " = " + m.group(2) + "; } catch (Throwable t) { "
                + INIT_FAILED + "(\"" + name + "\", t); } }";
    }

    /** The identifier names used in a variable's initializer (to order fields). */
    static List<String> initializerNames(SnippetParser.Parsed parsed, String name) {
        for (Tree tree : parsed.trees) {
            if (tree instanceof VariableTree variable && variable.getName().contentEquals(name)) {
                return variable.getInitializer() == null ? List.of() : List.copyOf(FreeNames.of(variable.getInitializer()));
            }
        }
        return List.of();
    }

    /** The simple names a variable declaration mentions in its type and initializer. */
    static List<String> usedNames(SnippetParser.Parsed parsed, String name) {
        for (Tree tree : parsed.trees) {
            if (tree instanceof VariableTree variable && variable.getName().contentEquals(name)) {
                return List.copyOf(FreeNames.of(variable));
            }
        }
        return List.of();
    }

    static ModifiersTree modifiers(Tree member) {
        if (member instanceof MethodTree method) {
            return method.getModifiers();
        }
        if (member instanceof ClassTree type) {
            return type.getModifiers();
        }
        if (member instanceof VariableTree variable) {
            return variable.getModifiers();
        }
        return null;
    }

    /** Replaces matching keywords in the modifier region with spaces, leaving annotations alone. */
    private static void blankKeywords(StringBuilder out, SnippetParser.Parsed parsed, ModifiersTree mods,
                                      int from, int to, Pattern keywords) {
        char[] scan = out.substring(from, to).toCharArray();
        for (AnnotationTree annotation : mods.getAnnotations()) {
            int s = parsed.start(annotation) - from;
            int e = parsed.end(annotation) - from;
            for (int i = Math.max(0, s); i < Math.min(scan.length, e); i++) {
                scan[i] = ' ';
            }
        }
        Matcher m = keywords.matcher(new String(scan));
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) {
                out.setCharAt(from + i, ' ');
            }
        }
    }

    static int lineOf(String source, int position) {
        int line = 0;
        for (int i = 0; i < position && i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String trimTrailing(String s) {
        return s.replaceAll("\\s+$", "");
    }
}
