package io.skald.bench.loadgen;

import java.util.List;

/** Server CPU seconds (user + system) consumed during a run, over the listed pids. */
public record CpuUsage(double seconds, List<Long> pids) {
    public CpuUsage {
        pids = List.copyOf(pids);
    }
}
