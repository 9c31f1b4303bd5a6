package dev.perfkernel.magics.source;


import java.util.regex.Pattern;

/**
 * The method a user names: {@code fib} (a session method), {@code Point::x} (a method of a type
 * the session declares, or of {@code java.lang.X}), or {@code java.util.ArrayList::add}.
 *
 * @param className binary class name with dots, nested classes with {@code $}
 * @param method    method name
 * @param display   as the user wrote it
 */
public record MethodTarget(String className, String method, String display) {

    private static final Pattern JAVA_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    /** Parses a method spec; null when it is not one (the caller reports usage). */
    public static MethodTarget parse(String spec, SessionSource session) {
        String s = spec.strip().replace('#', ':');
        int sep = s.indexOf("::");
        if (sep < 0) {
            if (!JAVA_NAME.matcher(s).matches() || s.contains(".")) return null;
            return new MethodTarget(SessionSource.QUALIFIED, s, spec);
        }
        String cls = s.substring(0, sep);
        String m = s.substring(sep + 2);
        if (!JAVA_NAME.matcher(cls).matches() || !JAVA_NAME.matcher(m).matches() || m.contains(".")) return null;
        if (cls.contains(".")) return new MethodTarget(cls, m, spec);
        if (cls.equals(SessionSource.CLASS)) return new MethodTarget(SessionSource.QUALIFIED, m, spec);
        if (declares(session, cls)) return new MethodTarget(SessionSource.QUALIFIED + "$" + cls, m, spec);
        try {
            Class.forName("java.lang." + cls, false, MethodTarget.class.getClassLoader());
            return new MethodTarget("java.lang." + cls, m, spec);
        } catch (ClassNotFoundException | LinkageError e) {
            return new MethodTarget(SessionSource.QUALIFIED + "$" + cls, m, spec);
        }
    }

    private static boolean declares(SessionSource session, String type) {
        if (session.typeNames().contains(type)) return true;
        return Pattern.compile("\\b(class|record|enum|interface)\\s+" + Pattern.quote(type) + "\\b")
                .matcher(session.text()).find();
    }

    /** The {@code -XX:CompileCommand} pattern: {@code pkg.Class::method}. */
    public String compileCommandPattern() {
        return className + "::" + method;
    }

    /** How PrintAssembly's header names it: {@code pkg.Class::method}. */
    public boolean matchesHeader(String headerMethod) {
        return headerMethod.replace('/', '.').equals(className + "::" + method);
    }

    /** True when the session unit defines a method of that name (only checked for {@code Session} itself). */
    public boolean definedIn(SessionSource session) {
        if (!className.equals(SessionSource.QUALIFIED)) return true;
        if (session.memberNames().contains(method)) return true;
        return Pattern.compile("\\b" + Pattern.quote(method) + "\\s*\\(").matcher(session.text()).find();
    }

    /** True for methods written in the notebook (their lines can be shown). */
    public boolean inSession() {
        return className.equals(SessionSource.QUALIFIED) || className.startsWith(SessionSource.QUALIFIED + "$");
    }
}
