package dev.perfkernel.magics.profile;

import dev.perfkernel.magics.api.DurationOption;
import dev.perfkernel.magics.pipeline.OutputFiles;
import dev.perfkernel.magics.pipeline.Pipeline;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.AbstractMagic;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.api.OptionParser;
import dev.perfkernel.magics.api.OptionSpec;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.fork.Jdks;
import dev.perfkernel.magics.harness.QuickMode;
import dev.perfkernel.magics.export.PprofExport;
import dev.perfkernel.magics.parse.jfr.FrameStat;
import dev.perfkernel.magics.parse.jfr.Profile;
import dev.perfkernel.magics.parse.jfr.ProfileAggregator;
import dev.perfkernel.magics.parse.jfr.ProfileEvent;
import dev.perfkernel.magics.render.Bundles;
import dev.perfkernel.magics.source.SessionSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %%profile}: the cell's code run over and over in a forked JVM under JDK Flight Recorder,
 * shown as pprof would: top methods (flat and cumulative), top lines, the cell listed with its
 * samples per line, and a flame graph. The recording and the collapsed stacks are saved.
 */
public final class ProfileMagic extends AbstractMagic {
    static final String NAME = "profile";

    private static final MagicHelp HELP = new MagicHelp(
            List.of("%%profile [--event cpu|wall|alloc|lock] [--duration 10s] [--top N] [--jvm SPEC] [-jvmArgs \"...\"]",
                    "%profile [options] STATEMENT"),
            "Profile the cell's code with JDK Flight Recorder: where the time (or bytes, or lock waits) goes.",
            ProfileOptions.OPTIONS.help(),
            """
            The cell's code is compiled against the session (it can call what earlier cells defined)
            and called in a loop for the duration in a fresh JVM recorded by JFR. Tables follow pprof:
            'flat' is time in the method itself, 'cum' includes everything it called; the listing shows
            the cell's own lines. The flame graph is drawn from the same stacks (click to zoom); the
            recording (.jfr, for JDK Mission Control), the same stacks as a pprof profile (.pb.gz, for
            go tool pprof) and the collapsed stacks (for other flame-graph tools) are saved under
            perfkernel-out/. The first part of the run includes JIT warm-up:
            profile for longer to let steady state dominate. One profiler at a time: do not combine
            with other measurements in the same run.""");



    public ProfileMagic() {
        super(NAME, HELP);
    }

    @Override
    public void run(Invocation inv, MagicContext ctx) throws Exception {
        OptionParser parser = ProfileOptions.parser(NAME, HELP);
        String body;
        int firstLine;
        List<String> optionWords;
        if (inv.cellMagic()) {
            optionWords = inv.args();
            body = inv.body();
            firstLine = inv.bodyFirstLine();
        } else {
            OptionSpec.LineSplit lf = ProfileOptions.OPTIONS.splitLine(inv.args());
            optionWords = lf.options();
            body = lf.code();
            firstLine = 1;
        }
        ProfileOptions o = ProfileOptions.parse(parser, optionWords, QuickMode.forced(ctx));
        if (body.isBlank()) throw parser.usage("nothing to profile: put the code in the cell below %%profile");
        Jdk jdk = o.jvm() == null ? Jdks.current() : Jdks.resolve(o.jvm());

        try (Pipeline pl = Pipeline.open("profile", ctx, inv.executionCount())) {
            ProfileRun.Result r = ProfileRun.run(pl, jdk, body, firstLine, o);
            ctx.cancel().check();
            ProfileAggregator agg = new ProfileAggregator(o.event(), r.lines(), true);
            for (Path rec : r.recordings()) {
                try {
                    agg.addAll(rec, ProfileRun.userThreads());
                } catch (IOException e) {
                    throw new MagicException("JfrReadFailed", "cannot read the recording " + rec.getFileName() + ": "
                            + e.getMessage(), List.of());
                }
            }
            Profile p = agg.result();
            OutputFiles files = pl.outputFiles("profile-" + o.event().optionName());
            Path jfr = files.keep(r.recordings().get(0), "", "jfr");
            Path pprof = PprofExport.besideJfr(jfr, o.event());
            Path collapsed = files.keepText(p.collapsedText(), "", "collapsed");
            show(ctx, inv, o, jdk, r, p, body, firstLine,
                    List.of(files.display(jfr), files.display(pprof), files.display(collapsed)),
                    pl.session().unreplayable());
        }
    }

    private static void show(MagicContext ctx, Invocation inv, ProfileOptions o, Jdk jdk, ProfileRun.Result r,
                             Profile p, String body, int firstLine, List<String> files,
                             List<SessionSource.Unreplayable> unreplayable) {
        ProfileEvent e = o.event();
        long userWeight = p.methods().stream().filter(FrameStat::user).mapToLong(FrameStat::cum).max().orElse(0);
        StringBuilder summary = new StringBuilder();
        summary.append("%profile ").append(e.optionName()).append(": ").append(p.samples()).append(" samples");
        if (e != ProfileEvent.CPU) summary.append(" (").append(Weights.format(e, p.totalWeight())).append(')');
        summary.append(" over ")
                .append(DurationOption.format(o.duration())).append(" on ").append(jdk.label());
        if (r.calls() >= 0) summary.append(", the cell ran ").append(r.calls()).append(" times");
        summary.append('\n');
        if (e == ProfileEvent.WALL) {
            summary.append("Wall clock is approximated: CPU and native samples (1 ms each) plus the measured time "
                    + "threads spent parked, sleeping, waiting and blocked.\n");
        }
        summary.append("Saved: ").append(String.join(", ", files)).append('\n');

        JsonObject json = ProfileReport.json(p, o.top(), r.calls());
        JsonArray saved = new JsonArray();
        files.forEach(saved::add);
        json.add("files", saved);
        json.addProperty("duration_ms", o.duration().toMillis());
        if (r.environment() != null) json.add("environment", r.environment().toJson());
        List<String> warnings = new ArrayList<>(ProfileReport.describeWarnings(p, e, userWeight));
        if (o.quick()) warnings.add("Quick settings (a " + DurationOption.format(o.duration())
                + " run): fine for exploring, too short for conclusions.");
        for (SessionSource.Unreplayable u : unreplayable) {
            warnings.add("A session snippet was left out of the forked JVM: " + u.reason());
        }
        JsonArray jw = new JsonArray();
        warnings.forEach(jw::add);
        json.add("warnings", jw);

        ctx.output().display(MimeBundle.builder().text(summary.toString()).json(json).build());
        if (p.samples() > 0) {
            ctx.output().display(Bundles.table(ProfileReport.topMethods(p, o.top(), false)));
            ctx.output().display(Bundles.table(ProfileReport.topMethods(p, o.top(), true)));
            ctx.output().display(Bundles.table(ProfileReport.topLines(p, o.top())));
            ctx.output().display(Bundles.table(ProfileReport.listing(p, body, firstLine, inv.executionCount())));
            ctx.output().display(ProfileReport.flameGraph(p, "%profile " + e.optionName() + " — " + jdk.label()));
        }
        MimeBundle wb = Bundles.warnings(warnings);
        if (wb != null) ctx.output().display(wb);
        if (r.environment() != null) ctx.output().display(Bundles.environment(r.environment().toDisplayMap()));
    }
}
