package io.skald.ring;

import io.skald.config.Durations;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers one instance in a ring and keeps its entry alive, following Loki's lifecycler: PENDING on start, tokens
 * taken after {@code join_after}, JOINING while observing for {@code observe_period}, then ACTIVE; a heartbeat every
 * {@code heartbeat_period}; on stop LEAVING, the caller's flush, {@code final_sleep}, and the entry removed.
 */
public final class Lifecycler {
    private static final Logger log = LoggerFactory.getLogger(Lifecycler.class);

    private final LifecyclerConfig config;
    private final RingStore store;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final RandomGenerator random;
    private final Object lock = new Object();

    private InstanceDesc desc;
    private long startMillis;
    private boolean started;
    private boolean stopping;
    /** Set once the entry is removed: a heartbeat already waiting for the lock must not write it back. */
    private boolean left;

    private volatile boolean ready;
    private @Nullable ScheduledFuture<?> heartbeatTask;
    private @Nullable ScheduledFuture<?> transitionTask;

    /**
     * @param scheduler runs heartbeats and state transitions; owned by the caller
     * @param random picks tokens
     */
    public Lifecycler(
            LifecyclerConfig config,
            RingStore store,
            Clock clock,
            ScheduledExecutorService scheduler,
            RandomGenerator random) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.scheduler = scheduler;
        this.random = random;
        this.desc = new InstanceDesc(
                config.id(),
                config.address(),
                config.httpAddress(),
                config.zone(),
                InstanceState.PENDING,
                List.of(),
                0,
                0);
    }

    /** Registers the instance (reusing its tokens if the ring still has its entry) and schedules joining. */
    public void start() {
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("lifecycler " + config.id() + " already started");
            }
            started = true;
            long now = clock.millis();
            startMillis = now;
            Optional<InstanceDesc> existing = store.get(config.id());
            if (existing.isPresent()) {
                InstanceDesc found = existing.get();
                InstanceState state = found.state();
                if (state == InstanceState.JOINING) {
                    // A crash while joining: start the lifecycle over.
                    state = InstanceState.PENDING;
                } else if (state == InstanceState.LEAVING && found.tokens().size() == config.numTokens()) {
                    // A crash while leaving: the tokens are still ours, so serve again.
                    state = InstanceState.ACTIVE;
                }
                List<Integer> tokens = state == InstanceState.PENDING ? List.of() : found.tokens();
                desc = new InstanceDesc(
                        config.id(),
                        config.address(),
                        config.httpAddress(),
                        config.zone(),
                        state,
                        tokens,
                        now,
                        found.registeredAtMillis());
                log.info("ring {}: instance {} found in the ring, resuming as {}", store.name(), config.id(), state);
            } else {
                desc = new InstanceDesc(
                        config.id(),
                        config.address(),
                        config.httpAddress(),
                        config.zone(),
                        InstanceState.PENDING,
                        List.of(),
                        now,
                        now);
            }
            store.put(desc);
            long period = config.heartbeatPeriod().toMillis();
            heartbeatTask = scheduler.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
            if (desc.state() == InstanceState.PENDING) {
                transitionTask = schedule(this::autoJoin, config.joinAfter());
            }
        }
    }

    private ScheduledFuture<?> schedule(Runnable step, Duration delay) {
        return scheduler.schedule(() -> runStep(step), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs a join/observe step; if the store fails, tries the step again a heartbeat period later. */
    private void runStep(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn(
                    "ring {}: lifecycler {} step failed, retrying in {}",
                    store.name(),
                    config.id(),
                    config.heartbeatPeriod(),
                    e);
            synchronized (lock) {
                if (!stopping) {
                    transitionTask = schedule(step, config.heartbeatPeriod());
                }
            }
        }
    }

    private void heartbeat() {
        try {
            synchronized (lock) {
                if (left) {
                    return;
                }
                desc = desc.withHeartbeat(clock.millis());
                store.put(desc);
            }
        } catch (RuntimeException e) {
            // A missed heartbeat is not fatal: the next one retries, and only a timeout's worth makes us unhealthy.
            log.warn("ring {}: heartbeat of {} failed: {}", store.name(), config.id(), e.toString());
        }
    }

    private void autoJoin() {
        synchronized (lock) {
            if (stopping || desc.state() != InstanceState.PENDING) {
                return;
            }
            Set<Integer> taken = takenByOthers(store.getAll());
            List<Integer> tokens = Tokens.generate(config.numTokens(), taken, random);
            InstanceState next = config.observePeriod().isPositive() ? InstanceState.JOINING : InstanceState.ACTIVE;
            desc = desc.withTokens(tokens).withState(next).withHeartbeat(clock.millis());
            store.put(desc);
            log.info("ring {}: instance {} took {} tokens, now {}", store.name(), config.id(), tokens.size(), next);
            if (next == InstanceState.JOINING) {
                transitionTask = schedule(this::observe, config.observePeriod());
            }
        }
    }

    /** After observing: ACTIVE if no other instance won any of our tokens, else replace the lost ones and observe again. */
    private void observe() {
        synchronized (lock) {
            if (stopping || desc.state() != InstanceState.JOINING) {
                return;
            }
            Map<String, InstanceDesc> ring = store.getAll();
            Set<Integer> lost = lostTokens(desc, ring);
            if (lost.isEmpty()) {
                desc = desc.withState(InstanceState.ACTIVE).withHeartbeat(clock.millis());
                store.put(desc);
                log.info("ring {}: instance {} verified its tokens, now ACTIVE", store.name(), config.id());
                return;
            }
            Set<Integer> taken = takenByOthers(ring);
            taken.addAll(desc.tokens());
            List<Integer> kept = new ArrayList<>(desc.tokens());
            kept.removeAll(lost);
            kept.addAll(Tokens.generate(lost.size(), taken, random));
            desc = desc.withTokens(kept).withHeartbeat(clock.millis());
            store.put(desc);
            log.info(
                    "ring {}: instance {} lost {} tokens to conflicts, observing again",
                    store.name(),
                    config.id(),
                    lost.size());
            transitionTask = schedule(this::observe, config.observePeriod());
        }
    }

    private Set<Integer> takenByOthers(Map<String, InstanceDesc> ring) {
        Set<Integer> taken = new HashSet<>();
        ring.values().stream().filter(i -> !i.id().equals(config.id())).forEach(i -> taken.addAll(i.tokens()));
        return taken;
    }

    /**
     * Our tokens that another instance also claims and wins: a LEAVING instance never wins, otherwise the earlier
     * registration wins, and the smaller id breaks ties.
     */
    static Set<Integer> lostTokens(InstanceDesc self, Map<String, InstanceDesc> ring) {
        Set<Integer> mine = new HashSet<>(self.tokens());
        Set<Integer> lost = new HashSet<>();
        for (InstanceDesc other : ring.values()) {
            if (other.id().equals(self.id()) || other.state() == InstanceState.LEAVING) {
                continue;
            }
            boolean otherWins = other.registeredAtMillis() < self.registeredAtMillis()
                    || (other.registeredAtMillis() == self.registeredAtMillis()
                            && other.id().compareTo(self.id()) < 0);
            if (!otherWins) {
                continue;
            }
            for (int token : other.tokens()) {
                if (mine.contains(token)) {
                    lost.add(token);
                }
            }
        }
        return lost;
    }

    /**
     * Leaves the ring: goes LEAVING, runs {@code flush} (the caller hands its data over or writes it out), waits
     * {@code final_sleep} so peers see the state, then stops heartbeating and removes the entry. Blocks until done.
     */
    public void stop(Runnable flush) {
        synchronized (lock) {
            if (!started || stopping) {
                return;
            }
            stopping = true;
            ScheduledFuture<?> transition = transitionTask;
            if (transition != null) {
                transition.cancel(false);
            }
            desc = desc.withState(InstanceState.LEAVING).withHeartbeat(clock.millis());
            store.put(desc);
            log.info("ring {}: instance {} is LEAVING", store.name(), config.id());
        }
        try {
            flush.run();
        } finally {
            sleep(config.finalSleep());
            ScheduledFuture<?> heartbeats = heartbeatTask;
            if (heartbeats != null) {
                heartbeats.cancel(false);
            }
            synchronized (lock) {
                left = true;
                store.remove(config.id());
            }
            log.info("ring {}: instance {} left the ring", store.name(), config.id());
        }
    }

    private static void sleep(Duration duration) {
        if (!duration.isPositive()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** This instance's current entry as last written. */
    public InstanceDesc desc() {
        synchronized (lock) {
            return desc;
        }
    }

    /** This instance's current state. */
    public InstanceState state() {
        return desc().state();
    }

    /** Whether the instance may serve: see {@link #notReadyReason()}. Once ready it stays ready, like Loki. */
    public boolean isReady() {
        return notReadyReason().isEmpty();
    }

    /**
     * Why the instance is not ready yet, in Loki's words, or empty when ready: it must have run {@code
     * min_ready_duration}, own tokens, and every entry in the ring must be ACTIVE with a fresh heartbeat.
     */
    public Optional<String> notReadyReason() {
        if (ready) {
            return Optional.empty();
        }
        InstanceDesc self;
        long start;
        synchronized (lock) {
            if (!started) {
                return Optional.of("lifecycler not started");
            }
            self = desc;
            start = startMillis;
        }
        long now = clock.millis();
        if (now - start < config.minReadyDuration().toMillis()) {
            return Optional.of("waiting for " + Durations.format(config.minReadyDuration()) + " after startup");
        }
        if (self.tokens().isEmpty()) {
            return Optional.of("this instance owns no tokens");
        }
        Map<String, InstanceDesc> ring = store.getAll();
        long timeout = config.heartbeatTimeout().toMillis();
        int tokenCount = 0;
        for (InstanceDesc instance : ring.values()) {
            if (!instance.isHeartbeatHealthy(timeout, now)) {
                return Optional.of("instance " + instance.address() + " past heartbeat timeout");
            }
            if (instance.state() != InstanceState.ACTIVE) {
                return Optional.of("instance " + instance.address() + " in state " + instance.state());
            }
            tokenCount += instance.tokens().size();
        }
        if (tokenCount == 0) {
            return Optional.of("no tokens in ring");
        }
        ready = true;
        return Optional.empty();
    }
}
