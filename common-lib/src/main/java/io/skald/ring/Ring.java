package io.skald.ring;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one ring. Lookups run against a local copy kept current by a {@link RingStore} listener (plus a periodic
 * full refresh as a safety net), so they make no network round trip.
 */
public final class Ring implements AutoCloseable {
    /** The state label Loki gives unhealthy instances in {@code cortex_ring_members}. */
    public static final String UNHEALTHY = "Unhealthy";

    private static final Logger log = LoggerFactory.getLogger(Ring.class);

    private final RingConfig config;
    private final RingStore store;
    private final Clock clock;
    private final Object updateLock = new Object();
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private @Nullable AutoCloseable listenerHandle;
    private @Nullable ScheduledFuture<?> refreshTask;

    public Ring(RingConfig config, RingStore store, Clock clock) {
        this.config = config;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Starts following the store: registers the change listener, loads every entry, and reloads them every
     * {@code refreshPeriod} on {@code scheduler} (zero disables the periodic reload).
     */
    public void start(ScheduledExecutorService scheduler, Duration refreshPeriod) {
        synchronized (updateLock) {
            if (listenerHandle != null) {
                throw new IllegalStateException("ring " + config.name() + " already started");
            }
            listenerHandle = store.addListener(new RingStore.Listener() {
                @Override
                public void updated(InstanceDesc desc) {
                    apply(desc);
                }

                @Override
                public void removed(String id) {
                    applyRemoval(id);
                }
            });
        }
        refresh();
        if (refreshPeriod.isPositive()) {
            long millis = refreshPeriod.toMillis();
            refreshTask = scheduler.scheduleWithFixedDelay(this::refreshQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Replaces the local copy with the store's full content. */
    public void refresh() {
        Map<String, InstanceDesc> all = store.getAll();
        synchronized (updateLock) {
            snapshot = Snapshot.of(all);
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("ring {}: periodic refresh failed", config.name(), e);
        }
    }

    private void apply(InstanceDesc desc) {
        synchronized (updateLock) {
            snapshot = snapshot.with(desc);
        }
    }

    private void applyRemoval(String id) {
        synchronized (updateLock) {
            snapshot = snapshot.without(id);
        }
    }

    /** The ring's name. */
    public String name() {
        return config.name();
    }

    /** The ring's settings. */
    public RingConfig config() {
        return config;
    }

    /** The replicas for {@code key} with the configured replication factor. */
    public ReplicationSet get(int key, Operation op) {
        return get(key, op, config.replicationFactor());
    }

    /**
     * The replicas for {@code key}: walks the tokens clockwise from the key picking distinct instances (distinct
     * zones when zone awareness is on). For writes, an instance that is not ACTIVE or whose heartbeat is stale is
     * skipped and the walk extends by one; the chosen set then drops instances unhealthy for {@code op}.
     *
     * @param key the key's 32-bit hash, unsigned
     * @throws RingException when the ring is empty or fewer than a quorum of healthy replicas remain
     */
    public ReplicationSet get(int key, Operation op, int replicationFactor) {
        Snapshot s = snapshot;
        if (s.tokens.length == 0) {
            throw new RingException("empty ring");
        }
        long now = clock.millis();
        long timeout = config.heartbeatTimeout().toMillis();
        int wanted = replicationFactor;
        int maxInstances = s.instanceCountWithTokens;
        List<InstanceDesc> picked = new ArrayList<>(replicationFactor + 2);
        Set<String> pickedIds = new HashSet<>();
        Set<String> pickedZones = new HashSet<>();
        int extendedForHeartbeat = 0;
        int start = s.firstTokenAbove(Tokens.unsigned(key));
        for (int i = 0; i < s.tokens.length && picked.size() < Math.min(maxInstances, wanted); i++) {
            String owner = s.owners[(start + i) % s.tokens.length];
            if (pickedIds.contains(owner)) {
                continue;
            }
            InstanceDesc instance = s.instances.get(owner);
            if (instance == null) {
                continue;
            }
            boolean zoned = config.zoneAwarenessEnabled() && !instance.zone().isEmpty();
            if (zoned && pickedZones.contains(instance.zone())) {
                continue;
            }
            pickedIds.add(owner);
            picked.add(instance);
            if (op.extendsReplicaSetOn(instance.state())) {
                wanted++;
            } else if (op.extendsReplicaSetOnStaleHeartbeat() && !instance.isHeartbeatHealthy(timeout, now)) {
                wanted++;
                extendedForHeartbeat++;
            } else if (zoned) {
                // Only a replica that counts takes its zone: a replacement for a skipped one may use the same zone.
                pickedZones.add(instance.zone());
            }
        }
        // While instances join or leave the set exceeds the replication factor; the quorum grows with it (Loki).
        int base = Math.max(replicationFactor, picked.size() - extendedForHeartbeat);
        int minSuccess = base / 2 + 1;
        List<InstanceDesc> healthy = new ArrayList<>(picked.size());
        List<String> unhealthy = new ArrayList<>();
        for (InstanceDesc instance : picked) {
            if (instance.isHealthy(op, timeout, now)) {
                healthy.add(instance);
            } else {
                unhealthy.add(instance.id());
            }
        }
        if (healthy.size() < minSuccess) {
            throw new RingException("at least " + minSuccess + " live replicas required, could only find "
                    + healthy.size() + " - unhealthy instances: " + String.join(",", unhealthy));
        }
        return new ReplicationSet(healthy, healthy.size() - minSuccess);
    }

    /** Every instance healthy for {@code op}, none of which may fail (Loki's {@code GetAllHealthy}). */
    public ReplicationSet getAllHealthy(Operation op) {
        Snapshot s = snapshot;
        if (s.instances.isEmpty()) {
            throw new RingException("empty ring");
        }
        return new ReplicationSet(healthyInstances(s, op), 0);
    }

    /**
     * Every instance healthy for {@code op}, tolerating as many failures as the replication factor allows: what a
     * querier asking every ingester uses (Loki's {@code GetReplicationSetForOperation}).
     *
     * @throws RingException when too many instances are unhealthy for any key to reach quorum
     */
    public ReplicationSet getReplicationSetForOperation(Operation op) {
        Snapshot s = snapshot;
        if (s.instances.isEmpty()) {
            throw new RingException("empty ring");
        }
        List<InstanceDesc> healthy = healthyInstances(s, op);
        int required = Math.max(s.instances.size(), config.replicationFactor()) - config.replicationFactor() / 2;
        if (healthy.size() < required) {
            throw new RingException("too many unhealthy instances in the ring");
        }
        return new ReplicationSet(healthy, healthy.size() - required);
    }

    private List<InstanceDesc> healthyInstances(Snapshot s, Operation op) {
        long now = clock.millis();
        long timeout = config.heartbeatTimeout().toMillis();
        return s.instances.values().stream()
                .filter(i -> i.isHealthy(op, timeout, now))
                .sorted(Comparator.comparing(InstanceDesc::id))
                .toList();
    }

    /** The number of ACTIVE instances with a fresh heartbeat (what distributors divide global rate limits by). */
    public int healthyInstanceCount() {
        return healthyInstances(snapshot, Operation.WRITE).size();
    }

    /** Whether {@code instance}'s heartbeat is older than the timeout. */
    public boolean isUnhealthy(InstanceDesc instance) {
        return !instance.isHeartbeatHealthy(config.heartbeatTimeout().toMillis(), clock.millis());
    }

    /** Every entry in the local copy, sorted by id. */
    public List<InstanceDesc> instances() {
        return snapshot.instances.values().stream()
                .sorted(Comparator.comparing(InstanceDesc::id))
                .toList();
    }

    /** Each instance's share of the token space, {@code 0..1}, by id. */
    public Map<String, Double> ownership() {
        Snapshot s = snapshot;
        Map<String, Double> shares = new TreeMap<>();
        s.instances.keySet().forEach(id -> shares.put(id, 0.0));
        long[] tokens = s.tokens;
        for (int i = 0; i < tokens.length; i++) {
            // A key belongs to the first token above it, so each token owns the range back to its predecessor.
            long previous = i == 0 ? tokens[tokens.length - 1] - Tokens.SPACE : tokens[i - 1];
            shares.merge(s.owners[i], (double) (tokens[i] - previous) / Tokens.SPACE, Double::sum);
        }
        return shares;
    }

    /**
     * Instance counts by state for {@code cortex_ring_members{name, state}}: {@code ACTIVE}, {@code LEAVING},
     * {@code PENDING}, {@code JOINING} and {@code Unhealthy} (stale heartbeat, whatever the state), all present.
     */
    public Map<String, Integer> membersByState() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (InstanceState state : InstanceState.values()) {
            counts.put(state.name(), 0);
        }
        counts.put(UNHEALTHY, 0);
        for (InstanceDesc instance : snapshot.instances.values()) {
            String key = isUnhealthy(instance) ? UNHEALTHY : instance.state().name();
            counts.merge(key, 1, Integer::sum);
        }
        return counts;
    }

    /** Removes an instance's entry from the shared ring (the status page's "Forget"). */
    public void forget(String id) {
        store.remove(id);
        applyRemoval(id);
    }

    @Override
    public void close() {
        ScheduledFuture<?> task = refreshTask;
        if (task != null) {
            task.cancel(false);
        }
        AutoCloseable handle;
        synchronized (updateLock) {
            handle = listenerHandle;
            listenerHandle = null;
        }
        if (handle != null) {
            try {
                handle.close();
            } catch (Exception e) {
                log.warn("ring {}: removing the listener failed", config.name(), e);
            }
        }
    }

    /** An immutable view: entries by id, and every token (unsigned, ascending) with its owner's id. */
    private static final class Snapshot {
        static final Snapshot EMPTY = new Snapshot(Map.of(), new long[0], new String[0]);

        final Map<String, InstanceDesc> instances;
        final long[] tokens;
        final String[] owners;
        final int instanceCountWithTokens;

        private Snapshot(Map<String, InstanceDesc> instances, long[] tokens, String[] owners) {
            this.instances = instances;
            this.tokens = tokens;
            this.owners = owners;
            this.instanceCountWithTokens = (int) instances.values().stream()
                    .filter(i -> !i.tokens().isEmpty())
                    .count();
        }

        static Snapshot of(Map<String, InstanceDesc> entries) {
            Map<String, InstanceDesc> instances = Map.copyOf(entries);
            record Entry(long token, String owner) {}
            List<Entry> all = new ArrayList<>();
            for (InstanceDesc instance : instances.values()) {
                for (int token : instance.tokens()) {
                    all.add(new Entry(Tokens.unsigned(token), instance.id()));
                }
            }
            all.sort(Comparator.comparingLong(Entry::token).thenComparing(Entry::owner));
            long[] tokens = new long[all.size()];
            String[] owners = new String[all.size()];
            for (int i = 0; i < all.size(); i++) {
                tokens[i] = all.get(i).token();
                owners[i] = all.get(i).owner();
            }
            return new Snapshot(instances, tokens, owners);
        }

        Snapshot with(InstanceDesc desc) {
            Map<String, InstanceDesc> updated = new HashMap<>(instances);
            InstanceDesc previous = updated.put(desc.id(), desc);
            if (previous != null && previous.tokens().equals(desc.tokens())) {
                // A heartbeat or state change: the token layout stays, only the entry changes.
                return new Snapshot(Map.copyOf(updated), tokens, owners);
            }
            return of(updated);
        }

        Snapshot without(String id) {
            if (!instances.containsKey(id)) {
                return this;
            }
            Map<String, InstanceDesc> updated = instances.entrySet().stream()
                    .filter(e -> !e.getKey().equals(id))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            return of(updated);
        }

        /** The index of the first token strictly above {@code key}, wrapping to 0. */
        int firstTokenAbove(long key) {
            int index = Arrays.binarySearch(tokens, key);
            if (index >= 0) {
                while (index < tokens.length && tokens[index] == key) {
                    index++;
                }
            } else {
                index = -index - 1;
            }
            return index == tokens.length ? 0 : index;
        }
    }
}
