package dev.perfkernel.kernel.magic;

import dev.perfkernel.magics.api.Magic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Every magic the kernel knows, by name and alias: the kernel's own plus those found with ServiceLoader. */
public final class MagicRegistry {
    private final Map<String, Magic> byName = new LinkedHashMap<>();
    private final List<Magic> magics = new ArrayList<>();

    /** Registers a magic; a later one with a taken name is ignored (the first registration wins). */
    public void register(Magic magic) {
        if (byName.containsKey(magic.name())) {
            System.err.println("perfkernel: magic %" + magic.name() + " registered twice; keeping "
                    + byName.get(magic.name()).getClass().getName());
            return;
        }
        magics.add(magic);
        byName.put(magic.name(), magic);
        for (String a : magic.aliases()) byName.putIfAbsent(a, magic);
    }

    /** Loads {@code META-INF/services/dev.perfkernel.magics.api.Magic} providers; a broken one is skipped and logged. */
    public void loadServices(ClassLoader loader) {
        Iterator<Magic> it = ServiceLoader.load(Magic.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) break;
                register(it.next());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                System.err.println("perfkernel: a magic could not be loaded and is skipped: " + e);
            }
        }
    }

    public Optional<Magic> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every magic once, sorted by name. */
    public List<Magic> all() {
        List<Magic> l = new ArrayList<>(magics);
        l.sort(Comparator.comparing(Magic::name));
        return l;
    }

    /** Every name and alias, sorted. */
    public List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }

    /** Names close to a mistyped one (edit distance at most 2, or sharing a prefix of 3). */
    public List<String> closeNames(String name) {
        List<String> close = new ArrayList<>();
        for (String n : names()) {
            boolean prefix = n.length() >= 3 && name.length() >= 3 && n.regionMatches(true, 0, name, 0, 3);
            if (prefix || distance(n.toLowerCase(), name.toLowerCase()) <= 2) close.add(n);
        }
        return close;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
