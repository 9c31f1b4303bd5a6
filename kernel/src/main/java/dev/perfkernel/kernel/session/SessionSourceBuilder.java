package dev.perfkernel.kernel.session;

import dev.perfkernel.magics.source.SessionSource;
import dev.perfkernel.magics.source.SessionSource.CellLine;
import dev.perfkernel.magics.source.SessionSource.Unreplayable;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a JShell session's active declarations out as one compilation unit (see
 * {@link SessionSource} for the layout). Only declarations are replayed: imports, types,
 * methods and variables with their initializers, in the order they were defined. Statements
 * and expressions are not run again; where one visibly changed a session variable, or a
 * declaration cannot be written as ordinary Java, the result says so in
 * {@link SessionSource#unreplayable()}.
 */
public final class SessionSourceBuilder {

    private SessionSourceBuilder() {
    }

    /**
     * The session as one compilation unit. JShell is not thread-safe: call this while no
     * snippet is being evaluated. Takes tens of milliseconds for a session of a hundred
     * snippets (one javac parse of all of them, no attribution).
     *
     * @param origins where each snippet's first line came from, to map unit lines to cell lines
     */
    public static SessionSource build(JShell jshell, SnippetOrigins origins) {
        List<Snippet> history = jshell.snippets().collect(Collectors.toList());
        List<String> imports = new ArrayList<>();
        List<HistoryEntry> declarations = new ArrayList<>();
        List<HistoryEntry> statements = new ArrayList<>();
        List<HistoryEntry> rejected = new ArrayList<>();
        List<Unreplayable> unreplayable = new ArrayList<>();
        Set<String> tempVariables = new LinkedHashSet<>();

        for (int i = 0; i < history.size(); i++) {
            Snippet s = history.get(i);
            Snippet.Status status = jshell.status(s);
            switch (s.kind()) {
                case IMPORT -> {
                    if (status.isDefined()) {
                        imports.add(importLine((ImportSnippet) s));
                    }
                }
                case METHOD, TYPE_DECL -> {
                    if (status.isActive()) {
                        declarations.add(new HistoryEntry(s, i));
                    } else if (status == Snippet.Status.REJECTED) {
                        rejected.add(new HistoryEntry(s, i));
                    }
                }
                case VAR -> {
                    if (s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                        // `$1` holds an expression's value: the expression is not replayed,
                        // but it may have changed a session variable.
                        statements.add(new HistoryEntry(s, i));
                        if (status.isActive()) {
                            tempVariables.add(((VarSnippet) s).name());
                        }
                    } else if (status.isActive()) {
                        declarations.add(new HistoryEntry(s, i));
                    } else if (status == Snippet.Status.REJECTED) {
                        rejected.add(new HistoryEntry(s, i));
                    }
                }
                case EXPRESSION, STATEMENT -> {
                    if (status != Snippet.Status.REJECTED) {
                        statements.add(new HistoryEntry(s, i));
                    }
                }
                case ERRONEOUS -> rejected.add(new HistoryEntry(s, i));
                default -> { }
            }
        }

        List<SnippetParser.Parsed> parsed = SnippetParser.parseMembers(
                declarations.stream().map(e -> e.snippet().source()).collect(Collectors.toList()));

        // Decide which declarations go into the unit.
        List<UnitMember> members = new ArrayList<>();
        Set<String> leftOut = new LinkedHashSet<>();
        for (int k = 0; k < declarations.size(); k++) {
            HistoryEntry entry = declarations.get(k);
            UnitMember member = MemberFactory.create(jshell, entry, parsed.get(k), unreplayable);
            if (member != null) {
                members.add(member);
            } else {
                leftOut.add(((DeclarationSnippet) entry.snippet()).name());
            }
        }
        leftOut.addAll(tempVariables); // declarations that use `$3` cannot compile without it
        ReplayWarnings.leaveOutUsersOf(leftOut, members, unreplayable);

        Map<String, Integer> variableOrder = new HashMap<>();
        for (UnitMember m : members) {
            if (m.variable) {
                variableOrder.put(m.name, m.entry.order());
            }
        }
        ReplayWarnings.statementEffects(statements, variableOrder, MethodEffects.of(members, variableOrder.keySet()), origins, unreplayable);
        ReplayWarnings.rejected(rejected, declarations, origins, unreplayable);

        List<UnitMember> cyclic = FieldOrder.cyclic(members);
        while (!cyclic.isEmpty()) {
            Set<String> names = new LinkedHashSet<>();
            for (UnitMember m : cyclic) {
                members.remove(m);
                names.add(m.name);
                unreplayable.add(new Unreplayable(m.entry.snippet().source(), m.name + " is left out: its initializer and "
                        + "another variable's read each other (after redefinitions); redefine them in order to use them"));
            }
            ReplayWarnings.leaveOutUsersOf(names, members, unreplayable);
            cyclic = FieldOrder.cyclic(members);
        }
        List<UnitMember> ordered = FieldOrder.withFieldsInDependencyOrder(members);
        ReplayWarnings.redefinedDependencies(members, variableOrder, origins, unreplayable);

        UnitWriter unit = new UnitWriter();
        unit.line("package " + SessionSource.PACKAGE + ";");
        unit.line("");
        for (String line : imports) {
            unit.line(line);
        }
        if (!imports.isEmpty()) {
            unit.line("");
        }
        unit.line("@SuppressWarnings(\"all\")");
        unit.line("public final class " + SessionSource.CLASS + " {");
        unit.line("    private " + SessionSource.CLASS + "() {");
        unit.line("    }");
        unit.line("");
        // Initializers run inside static blocks (see DeclarationRewriter.field): a failing one is
        // reported here and leaves its field at the default instead of failing the whole class.
        unit.line("    private static void " + DeclarationRewriter.INIT_FAILED + "(String field, Throwable t) {");
        unit.line("        System.err.println(\"perfkernel: the initializer of session variable '\" + field");
        unit.line("                + \"' failed in this forked JVM (it keeps its default value): \" + t);");
        unit.line("    }");
        for (UnitMember m : ordered) {
            unit.line("");
            Optional<CellLine> first = origins.firstLine(m.entry.snippet());
            unit.block(m.text.text(), first, m.text.sourceLine());
        }
        unit.line("}");
        List<String> typeNames = new ArrayList<>();
        List<String> memberNames = new ArrayList<>();
        for (UnitMember m : ordered) {
            (m.entry.snippet() instanceof TypeDeclSnippet ? typeNames : memberNames).add(m.name);
        }
        return new SessionSource(unit.text(), imports, unit.origins(), unreplayable, typeNames, memberNames);
    }








    private static String importLine(ImportSnippet s) {
        return "import " + (s.isStatic() ? "static " : "") + s.fullname() + ";";
    }

}
