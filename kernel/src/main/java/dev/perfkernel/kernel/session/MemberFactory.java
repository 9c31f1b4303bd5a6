package dev.perfkernel.kernel.session;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import dev.perfkernel.magics.source.SessionSource;
import dev.perfkernel.magics.source.SessionSource.Unreplayable;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides whether an active declaration can go into the unit and rewrites it, or says why not.
 * A method that JShell keeps although it refers to something undeclared gets a body that
 * throws, as calling it in JShell does.
 */
final class MemberFactory {
    /** The type of the variables that magics publish their reports in. */
    static final String RESULT_TYPE = "dev.perfkernel.engine.Result";

    private MemberFactory() {
    }

    static UnitMember create(JShell jshell, HistoryEntry entry, SnippetParser.Parsed parsed, List<Unreplayable> unreplayable) {
        Snippet s = entry.snippet();
        DeclarationSnippet declaration = (DeclarationSnippet) s;
        Snippet.Status status = jshell.status(s);
        String unresolved = jshell.unresolvedDependencies(declaration).collect(Collectors.joining(", "));
        if (!status.isDefined()) {
            unreplayable.add(new Unreplayable(s.source(), declaration.name() + " is not defined: it refers to "
                    + (unresolved.isEmpty() ? "something undefined" : unresolved) + ", which is not declared"));
            return null;
        }
        if (s instanceof VarSnippet variable) {
            if (variable.typeName().equals(RESULT_TYPE) || s.source().contains(RESULT_TYPE + " " + variable.name())) {
                return null; // a magic's published report (e.g. _bench): data about a past run, not code to replay
            }
            String inferred = null;
            if (isVarDeclared(parsed, variable.name())) {
                Optional<String> why = Denotability.whyNot(variable.typeName());
                if (why.isPresent()) {
                    unreplayable.add(new Unreplayable(s.source(), variable.name()
                            + " cannot be declared in forked JVMs: " + why.get()
                            + "; give it an explicit type to use it there"));
                    return null;
                }
                inferred = variable.typeName();
            }
            if (status != Snippet.Status.VALID) {
                unreplayable.add(new Unreplayable(s.source(), variable.name() + " is left out: it refers to "
                        + unresolved + ", which is not declared"));
                return null;
            }
            DeclarationRewriter.Rewritten text = DeclarationRewriter.field(parsed, variable.name(), inferred);
            if (text == null) {
                unreplayable.add(new Unreplayable(s.source(), variable.name() + " is left out: its declaration could not be read"));
                return null;
            }
            return new UnitMember(entry, variable.name(), true, text, DeclarationRewriter.initializerNames(parsed, variable.name()),
                    new java.util.HashSet<>(DeclarationRewriter.usedNames(parsed, variable.name())));
        }
        Tree tree = parsed.trees.stream()
                .filter(t -> s instanceof MethodSnippet ? t instanceof MethodTree : t instanceof ClassTree)
                .findFirst().orElse(null);
        if (tree == null) {
            unreplayable.add(new Unreplayable(s.source(), declaration.name() + " is left out: its declaration could not be read"));
            return null;
        }
        if (s instanceof TypeDeclSnippet && declaration.name().equals(SessionSource.CLASS)) {
            unreplayable.add(new Unreplayable(s.source(), "a type named " + SessionSource.CLASS
                    + " clashes with the class that holds the session; rename it to use it in forked JVMs"));
            return null;
        }
        String stub = null;
        if (status != Snippet.Status.VALID) {
            if (!(s instanceof MethodSnippet)) {
                unreplayable.add(new Unreplayable(s.source(), declaration.name() + " is left out: it refers to "
                        + unresolved + ", which is not declared"));
                return null;
            }
            // JShell lets such a method exist but throws when it is called; so does the unit.
            stub = "{ throw new IllegalStateException(\"" + javaString(declaration.name() + " cannot be invoked until "
                    + unresolved + " is declared") + "\"); }";
            unreplayable.add(new Unreplayable(s.source(), declaration.name() + " refers to " + unresolved
                    + ", which is not declared: calling it in forked JVMs throws"));
        }
        UnitMember member = new UnitMember(entry, declaration.name(), false, DeclarationRewriter.member(parsed, tree, stub), List.of(),
                FreeNames.of(tree));
        if (stub == null && tree instanceof MethodTree method) {
            member.method = method;
        }
        return member;
    }

    private static boolean isVarDeclared(SnippetParser.Parsed parsed, String name) {
        for (Tree t : parsed.trees) {
            if (t instanceof com.sun.source.tree.VariableTree v && v.getName().contentEquals(name)) {
                return v.getType() == null || parsed.start(v.getType()) < 0
                        || v.getType().toString().equals("var");
            }
        }
        return false;
    }

    private static String javaString(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
    }
}
