package dev.perfkernel.magics.parse.gclog.gctoolkit;

import com.microsoft.gctoolkit.aggregator.Aggregates;
import com.microsoft.gctoolkit.aggregator.Aggregator;
import com.microsoft.gctoolkit.aggregator.EventSource;
import com.microsoft.gctoolkit.event.g1gc.G1GCPauseEvent;
import com.microsoft.gctoolkit.event.generational.GenerationalGCPauseEvent;

/** Feeds GCToolKit's pause events (generational and G1) into a {@link PauseAggregation}. */
@Aggregates({EventSource.G1GC, EventSource.GENERATIONAL})
public class PauseAggregator extends Aggregator<PauseAggregation> {
    public PauseAggregator(PauseAggregation aggregation) {
        super(aggregation);
        register(G1GCPauseEvent.class, e -> aggregation().record(e.getClass().getSimpleName(), e.getDuration()));
        register(GenerationalGCPauseEvent.class, e -> aggregation().record(e.getClass().getSimpleName(), e.getDuration()));
    }
}
