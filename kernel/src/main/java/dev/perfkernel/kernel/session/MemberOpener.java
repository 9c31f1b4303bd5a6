package dev.perfkernel.kernel.session;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;

import javax.lang.model.element.Modifier;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds members without an access modifier, or protected ones, in every class body of a declaration (nested,
 * local and anonymous classes, enum constant bodies) so they can be made {@code public}. In
 * JShell all code shares one package; harness code lives in another, and would otherwise not
 * see a session record's methods. Every class body is opened, not just nested types, because
 * an override must not be less accessible than the method it overrides.
 */
final class MemberOpener extends TreeScanner<Void, Void> {
    private static final Pattern PROTECTED = Pattern.compile("\\bprotected\\b");
    private final SnippetParser.Parsed parsed;
    private final int from;
    private final int to;
    private final SortedMap<Integer, Replacement> edits = new TreeMap<>();

    /** Replace {@code length} characters at a position with {@code text} (length 0: insert). */
    record Replacement(int length, String text) {}

    private MemberOpener(SnippetParser.Parsed parsed, int from, int to) {
        this.parsed = parsed;
        this.from = from;
        this.to = to;
    }

    /** Edits (by snippet position) for class bodies inside {@code tree} within [from, to). */
    static SortedMap<Integer, Replacement> open(SnippetParser.Parsed parsed, Tree tree, int from, int to) {
        MemberOpener opener = new MemberOpener(parsed, from, to);
        opener.scan(tree, null);
        return opener.edits;
    }

    @Override
    public Void visitClass(ClassTree type, Void unused) {
        Tree.Kind kind = type.getKind();
        if (kind != Tree.Kind.INTERFACE && kind != Tree.Kind.ANNOTATION_TYPE) {
            for (Tree m : type.getMembers()) {
                open(kind, m);
            }
        }
        return super.visitClass(type, unused);
    }

    private void open(Tree.Kind owner, Tree member) {
        ModifiersTree mods = DeclarationRewriter.modifiers(member);
        if (mods == null) {
            return; // initializer blocks
        }
        if (member instanceof MethodTree method && method.getName().contentEquals("<init>") && owner == Tree.Kind.ENUM) {
            return; // enum constructors cannot be public
        }
        if (member instanceof VariableTree && owner == Tree.Kind.RECORD && !mods.getFlags().contains(Modifier.STATIC)) {
            return; // record components
        }
        Set<Modifier> flags = mods.getFlags();
        if (flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PRIVATE)) {
            return;
        }
        int modStart = parsed.start(mods);
        int modEnd = parsed.end(mods);
        if (flags.contains(Modifier.PROTECTED)) {
            // Protected becomes public too: an override may not be less accessible than the
            // (now public) method it overrides, and public may override protected.
            Matcher m = PROTECTED.matcher(parsed.source);
            if (modStart >= 0 && m.find(modStart) && m.end() <= modEnd && m.start() >= from && m.end() <= to) {
                edits.put(m.start(), new Replacement(m.end() - m.start(), "public   "));
            }
            return;
        }
        boolean hasMods = modStart >= 0 && modEnd > modStart;
        int at = hasMods ? modEnd : parsed.start(member);
        if (at >= from && at < to) {
            edits.put(at, new Replacement(0, hasMods ? " public " : "public "));
        }
    }
}
