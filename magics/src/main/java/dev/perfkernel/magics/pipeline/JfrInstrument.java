package dev.perfkernel.magics.pipeline;

import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.parse.jfr.JfrRecording;
import dev.perfkernel.magics.parse.jfr.ProfileEvent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Records one {@link ProfileEvent} with JFR in every JVM it is plugged into; the recordings are read afterwards. */
public final class JfrInstrument implements Instrument {
    private final ProfileEvent event;
    private final List<JfrRecording> recordings = new ArrayList<>();

    public JfrInstrument(ProfileEvent event) {
        this.event = event;
    }

    @Override
    public List<String> jvmFlags(Path runDir) throws MagicException {
        JfrRecording r = JfrRecording.prepare(event, runDir);
        recordings.add(r);
        return r.jvmFlags();
    }

    /** The recordings of the latest fork, oldest first (one per recorded JVM: JMH's forks each write one). */
    public List<Path> recordings() throws MagicException {
        return recordings.isEmpty() ? List.of() : recordings.get(recordings.size() - 1).recordings();
    }
}
