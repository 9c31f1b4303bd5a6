package dev.perfkernel.engine;

import java.util.List;
import java.util.Map;

/**
 * A magic's result published into the session as a variable (for example by {@code %bench -o r}).
 * Navigate with keys and indexes: {@code r.get("benchmarks", 0, "score")}, {@code r.number(...)},
 * {@code r.string(...)}, {@code r.size(...)}; {@code r.json()} is the document as text.
 */
public final class Result {
    private final String json;
    private final Object root;

    private Result(String json) {
        this.json = json;
        this.root = Json.parse(json);
    }

    public static Result parse(String json) {
        return new Result(json);
    }

    /** Joins chunks first: the kernel splits large documents to stay under the class-file constant limit. */
    public static Result of(String[] chunks) {
        return new Result(String.join("", chunks));
    }

    /** The value at the path: a Map, List, String, Long/Double, Boolean or null. */
    public Object get(Object... path) {
        Object cur = root;
        StringBuilder where = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer idx && cur instanceof List<?> l) {
                if (idx < 0 || idx >= l.size())
                    throw new IndexOutOfBoundsException("index " + idx + " at " + at(where) + " (size " + l.size() + ")");
                cur = l.get(idx);
            } else if (step instanceof String key && cur instanceof Map<?, ?> m) {
                if (!m.containsKey(key))
                    throw new IllegalArgumentException("no key \"" + key + "\" at " + at(where) + "; keys: " + m.keySet());
                cur = m.get(key);
            } else {
                throw new IllegalArgumentException("cannot apply " + step + " at " + at(where) + ": it is "
                        + (cur == null ? "null" : cur instanceof Map ? "an object" : cur instanceof List ? "an array" : "a value"));
            }
            where.append(step instanceof Integer ? "[" + step + "]" : "." + step);
        }
        return cur;
    }

    public double number(Object... path) {
        Object v = get(path);
        if (v instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException("not a number: " + v);
    }

    public String string(Object... path) {
        return String.valueOf(get(path));
    }

    /** Elements of an array or entries of an object at the path. */
    public int size(Object... path) {
        Object v = get(path);
        if (v instanceof List<?> l) return l.size();
        if (v instanceof Map<?, ?> m) return m.size();
        throw new IllegalArgumentException("neither an array nor an object: " + v);
    }

    public String json() {
        return json;
    }

    @Override
    public String toString() {
        return json.length() <= 2000 ? json : json.substring(0, 2000) + "... (" + json.length() + " chars; json() has all)";
    }

    private static String at(StringBuilder where) {
        return where.length() == 0 ? "the top" : where.toString();
    }
}
