package io.skald.querier;

import io.skald.index.Matcher;
import io.skald.labels.Labels;
import io.skald.proto.ingester.LabelRequest;
import io.skald.proto.ingester.SeriesRequest;
import io.skald.store.IndexClient;
import io.skald.store.IndexProtos;
import java.util.List;
import java.util.TreeSet;

/** Label names, label values and series: the union of the ingesters' answers and the index's. */
final class LabelQueries {
    private final IngesterFanout ingesters;
    private final IndexClient index;

    LabelQueries(IngesterFanout ingesters, IndexClient index) {
        this.ingesters = ingesters;
        this.index = index;
    }

    List<String> labelNames(String tenants, long from, long through, List<Matcher> matchers) {
        if (!MultiTenant.isMulti(tenants)) {
            return labelNamesOf(tenants, from, through, matchers);
        }
        TreeSet<String> names = new TreeSet<>();
        for (String tenant : MultiTenant.split(tenants)) {
            if (MultiTenant.selected(tenant, matchers)) {
                names.addAll(labelNamesOf(tenant, from, through, MultiTenant.withoutTenant(matchers)));
            }
        }
        return List.copyOf(names);
    }

    List<String> labelValues(String tenants, String name, long from, long through, List<Matcher> matchers) {
        if (!MultiTenant.isMulti(tenants)) {
            return labelValuesOf(tenants, name, from, through, matchers);
        }
        TreeSet<String> values = new TreeSet<>();
        for (String tenant : MultiTenant.split(tenants)) {
            if (MultiTenant.selected(tenant, matchers)) {
                values.addAll(labelValuesOf(tenant, name, from, through, MultiTenant.withoutTenant(matchers)));
            }
        }
        return List.copyOf(values);
    }

    List<Labels> series(String tenants, List<List<Matcher>> groups, long from, long through) {
        if (!MultiTenant.isMulti(tenants)) {
            return seriesOf(tenants, groups, from, through);
        }
        TreeSet<Labels> series = new TreeSet<>();
        for (String tenant : MultiTenant.split(tenants)) {
            List<List<Matcher>> own = groups.stream()
                    .filter(g -> MultiTenant.selected(tenant, g))
                    .map(MultiTenant::withoutTenant)
                    .toList();
            if (groups.isEmpty() || !own.isEmpty()) {
                seriesOf(tenant, own, from, through).forEach(l -> series.add(MultiTenant.tagged(l, tenant)));
            }
        }
        return List.copyOf(series);
    }

    private List<String> labelNamesOf(String tenant, long from, long through, List<Matcher> matchers) {
        TreeSet<String> names = new TreeSet<>(index.labelNames(tenant, from, through, matchers));
        long[] range = ingesters.range(from, through);
        if (range != null) {
            LabelRequest request = LabelRequest.newBuilder()
                    .setStartNanos(range[0])
                    .setEndNanos(range[1])
                    .addAllMatchers(IndexProtos.toProto(matchers))
                    .build();
            ingesters.labelNames(tenant, request).forEach(names::addAll);
        }
        return List.copyOf(names);
    }

    private List<String> labelValuesOf(String tenant, String name, long from, long through, List<Matcher> matchers) {
        TreeSet<String> values = new TreeSet<>(index.labelValues(tenant, name, from, through, matchers));
        long[] range = ingesters.range(from, through);
        if (range != null) {
            LabelRequest request = LabelRequest.newBuilder()
                    .setName(name)
                    .setStartNanos(range[0])
                    .setEndNanos(range[1])
                    .addAllMatchers(IndexProtos.toProto(matchers))
                    .build();
            ingesters.labelValues(tenant, request).forEach(values::addAll);
        }
        values.remove("");
        return List.copyOf(values);
    }

    private List<Labels> seriesOf(String tenant, List<List<Matcher>> groups, long from, long through) {
        TreeSet<Labels> series = new TreeSet<>(index.series(tenant, groups, from, through));
        long[] range = ingesters.range(from, through);
        if (range != null) {
            SeriesRequest.Builder request =
                    SeriesRequest.newBuilder().setStartNanos(range[0]).setEndNanos(range[1]);
            groups.forEach(g -> request.addGroups(IndexProtos.group(g)));
            for (List<String> answer : ingesters.series(tenant, request.build())) {
                answer.forEach(text -> series.add(IndexProtos.parseLabels(text)));
            }
        }
        return List.copyOf(series);
    }
}
