package dev.perfkernel.kernel.shell;

import com.google.gson.JsonObject;
import dev.perfkernel.kernel.magic.MagicRegistry;
import dev.perfkernel.kernel.wire.LanguageBackend.Completion;
import dev.perfkernel.magics.api.Magic;
import dev.perfkernel.magics.api.MagicHelp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Completes magic names after {@code %} / {@code %%}, and a magic's option names after its name. */
final class MagicCompletion {
    private static final Pattern NAME = Pattern.compile("^(\\s*)(%%?)([A-Za-z0-9_.-]*)$");
    private static final Pattern ARGS = Pattern.compile("^\\s*%%?([A-Za-z_][A-Za-z0-9_.-]*)\\s+(?:.*\\s)?(-[A-Za-z0-9_-]*)?$");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--?[A-Za-z][A-Za-z0-9_-]*)");

    private MagicCompletion() {
    }

    /** Null when the cursor is not in a magic line's name or option. */
    static Completion complete(MagicRegistry registry, String code, int lineStart, String lineToCursor, int cursor) {
        if (!lineToCursor.stripLeading().startsWith("%")) return null;
        // Only the first line may hold a cell magic; line magics must be among the leading lines.
        Matcher n = NAME.matcher(lineToCursor);
        if (n.matches()) {
            String prefix = n.group(3);
            String percents = n.group(2);
            List<String> matches = new ArrayList<>();
            for (String name : registry.names()) if (name.startsWith(prefix)) matches.add(percents + name);
            int start = lineStart + n.group(1).length();
            return new Completion(matches, start, cursor, new JsonObject());
        }
        Matcher a = ARGS.matcher(lineToCursor);
        if (a.matches() && a.group(2) != null) {
            Magic m = registry.find(a.group(1)).orElse(null);
            if (m == null) return new Completion(List.of(), cursor, cursor, new JsonObject());
            String prefix = a.group(2);
            List<String> matches = new ArrayList<>();
            for (String opt : optionNames(m.help())) if (opt.startsWith(prefix) && !matches.contains(opt)) matches.add(opt);
            if ("--help".startsWith(prefix) && !matches.contains("--help")) matches.add("--help");
            return new Completion(matches, cursor - prefix.length(), cursor, new JsonObject());
        }
        return null;
    }

    /** The option words of a help text's option column, e.g. {@code -f}, {@code --jvm} from "-f N, --forks N". */
    static List<String> optionNames(MagicHelp help) {
        List<String> names = new ArrayList<>();
        for (MagicHelp.Option o : help.options()) {
            Matcher m = OPTION.matcher(o.names());
            while (m.find()) if (!names.contains(m.group(1))) names.add(m.group(1));
        }
        return names;
    }
}
