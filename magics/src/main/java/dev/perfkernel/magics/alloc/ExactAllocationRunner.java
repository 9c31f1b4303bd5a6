package dev.perfkernel.magics.alloc;

import com.google.monitoring.runtime.instrumentation.AllocationRecorder;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The main class of the instrumented fork (started with the allocation instrumenter as
 * {@code -javaagent} and {@code -Xint}, see {@link ExactAllocationRun}). It calls a JMH benchmark
 * method the way JMH would (state objects, {@code @Param} values, {@code @Setup}/{@code @TearDown}),
 * first to warm up lazy initialisation, then a counted number of times with the
 * {@link SiteRecorder} on, and writes what each operation asked the allocator for.
 *
 * <p>Arguments: {@code OUT CLASS USER_PACKAGES WARMUP_OPS MAX_OPS MAX_MILLIS METHODS [PARAMS...]}
 * where {@code USER_PACKAGES} and {@code METHODS} are comma-separated and each {@code PARAMS}
 * word is one combination {@code name=value} pairs separated by U+001F.
 */
public final class ExactAllocationRunner {
    static final String BLACKHOLE_KEY =
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

    private ExactAllocationRunner() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 7) {
            System.err.println("usage: ExactAllocationRunner OUT CLASS USER_PACKAGES WARMUP_OPS MAX_OPS MAX_MILLIS METHODS [PARAMS...]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Class<?> bench = Class.forName(args[1]);
        List<String> userPackages = Arrays.asList(args[2].split(","));
        long warmup = Long.parseLong(args[3]);
        long maxOps = Long.parseLong(args[4]);
        long maxMillis = Long.parseLong(args[5]);
        List<String> methods = Arrays.asList(args[6].split(","));
        List<Map<String, String>> combos = new ArrayList<>();
        for (int i = 7; i < args.length; i++) combos.add(parseCombo(args[i]));
        if (combos.isEmpty()) combos.add(Map.of());

        SiteRecorder recorder = new SiteRecorder(cls -> isUser(cls, userPackages));
        AllocationRecorder.addSampler(recorder);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            for (String name : methods) {
                Method m = find(bench, name);
                for (Map<String, String> combo : combos) {
                    long ops = measure(bench, m, combo, recorder, warmup, maxOps, maxMillis);
                    w.println("B\t" + name + "\t" + formatCombo(combo) + "\t" + ops);
                    recorder.write(w);
                    recorder.reset();
                }
            }
        } finally {
            AllocationRecorder.removeSampler(recorder);
        }
    }

    static boolean isUser(String cls, List<String> userPackages) {
        for (String p : userPackages) {
            if (p.isEmpty() || !cls.startsWith(p + ".")) continue;
            String rest = cls.substring(p.length() + 1);
            if (!rest.startsWith("jmh_generated.") && !rest.contains("_jmh")) return true;
        }
        return false;
    }

    private static long measure(Class<?> bench, Method m, Map<String, String> combo, SiteRecorder recorder,
                                long warmup, long maxOps, long maxMillis) throws Throwable {
        Map<Class<?>, Object> states = new LinkedHashMap<>();
        Object[] callArgs = new Object[m.getParameterCount()];
        Object target = Modifier.isStatic(m.getModifiers()) ? null : state(bench, states, combo);
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            callArgs[i] = types[i] == Blackhole.class ? new Blackhole(BLACKHOLE_KEY) : state(types[i], states, combo);
        }
        fixtures(states, Setup.class, Level.Trial);
        fixtures(states, Setup.class, Level.Iteration);
        for (long i = 0; i < warmup; i++) call(m, target, callArgs, states);
        long ops = 0;
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        while (ops < maxOps && (ops == 0 || System.nanoTime() < deadline)) {
            fixtures(states, Setup.class, Level.Invocation);
            recorder.active = true;
            try {
                m.invoke(target, callArgs);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                recorder.active = false;
            }
            fixtures(states, TearDown.class, Level.Invocation);
            ops++;
        }
        fixtures(states, TearDown.class, Level.Iteration);
        fixtures(states, TearDown.class, Level.Trial);
        return ops;
    }

    private static void call(Method m, Object target, Object[] callArgs, Map<Class<?>, Object> states) throws Throwable {
        fixtures(states, Setup.class, Level.Invocation);
        try {
            m.invoke(target, callArgs);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        fixtures(states, TearDown.class, Level.Invocation);
    }

    /** The one instance of a state class, created with its {@code @Param} fields set. */
    private static Object state(Class<?> type, Map<Class<?>, Object> states, Map<String, String> combo) throws Exception {
        Object s = states.get(type);
        if (s != null) return s;
        if (!type.isAnnotationPresent(State.class) && !states.isEmpty()) {
            throw new IllegalArgumentException("benchmark parameter " + type.getName() + " is not a @State class");
        }
        Constructor<?> c = type.getDeclaredConstructor();
        c.setAccessible(true);
        s = c.newInstance();
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (!f.isAnnotationPresent(Param.class)) continue;
                String v = combo.get(f.getName());
                if (v == null) {
                    String[] declared = f.getAnnotation(Param.class).value();
                    if (declared.length == 0) throw new IllegalArgumentException("@Param " + f.getName() + " has no value");
                    v = declared[0];
                }
                f.setAccessible(true);
                f.set(s, convert(v, f.getType()));
            }
        }
        states.put(type, s);
        return s;
    }

    private static Object convert(String v, Class<?> t) {
        if (t == String.class) return v;
        if (t == int.class || t == Integer.class) return Integer.parseInt(v);
        if (t == long.class || t == Long.class) return Long.parseLong(v);
        if (t == double.class || t == Double.class) return Double.parseDouble(v);
        if (t == float.class || t == Float.class) return Float.parseFloat(v);
        if (t == boolean.class || t == Boolean.class) return Boolean.parseBoolean(v);
        if (t == short.class || t == Short.class) return Short.parseShort(v);
        if (t == byte.class || t == Byte.class) return Byte.parseByte(v);
        if (t == char.class || t == Character.class) return v.charAt(0);
        if (t.isEnum()) {
            for (Object c : t.getEnumConstants()) if (((Enum<?>) c).name().equals(v)) return c;
        }
        throw new IllegalArgumentException("cannot convert '" + v + "' to " + t.getName());
    }

    private static void fixtures(Map<Class<?>, Object> states, Class<? extends java.lang.annotation.Annotation> kind,
                                 Level level) throws Throwable {
        for (Object s : states.values()) {
            for (Method f : s.getClass().getDeclaredMethods()) {
                java.lang.annotation.Annotation a = f.getAnnotation(kind);
                if (a == null) continue;
                Level l = a instanceof Setup su ? su.value() : ((TearDown) a).value();
                if (l != level) continue;
                f.setAccessible(true);
                try {
                    f.invoke(s);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
    }

    private static Method find(Class<?> bench, String name) {
        for (Method m : bench.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                m.setAccessible(true);
                return m;
            }
        }
        throw new IllegalArgumentException("no method " + name + " in " + bench.getName());
    }

    static Map<String, String> parseCombo(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        if (s.isEmpty()) return m;
        for (String kv : s.split("\u001f")) {
            int eq = kv.indexOf('=');
            if (eq > 0) m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    static String formatCombo(Map<String, String> combo) {
        StringBuilder sb = new StringBuilder();
        combo.forEach((k, v) -> sb.append(sb.length() > 0 ? "\u001f" : "").append(k).append('=').append(v));
        return sb.toString();
    }

}
