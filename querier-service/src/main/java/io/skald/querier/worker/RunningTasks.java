package io.skald.querier.worker;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets the scheduler's cancellation reach the request thread serving a task: a request carrying {@link #TASK_HEADER}
 * is registered under that id while it runs, and {@link #cancel} interrupts its thread, which aborts the query at its
 * next blocking wait (ingester calls, store reads). The interrupt is cleared before the pooled thread is reused.
 */
public final class RunningTasks extends OncePerRequestFilter {
    /** The header naming the scheduler task a loopback request serves. */
    public static final String TASK_HEADER = "X-Skald-Task-Id";

    /** A bound on remembered early cancellations (for requests that never arrive). */
    private static final int MAX_EARLY_CANCELS = 10_000;

    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private final Set<String> cancelledEarly = ConcurrentHashMap.newKeySet();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = request.getHeader(TASK_HEADER);
        if (id == null || id.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Thread thread = Thread.currentThread();
        synchronized (this) {
            if (cancelledEarly.remove(id)) {
                response.sendError(WorkerSettings.STATUS_CLIENT_CLOSED_REQUEST, "context canceled");
                return;
            }
            running.put(id, thread);
        }
        try {
            chain.doFilter(request, response);
        } finally {
            synchronized (this) {
                running.remove(id, thread);
                // A cancel that came as the request ended must not reach the next request on this thread.
                boolean unused = Thread.interrupted();
            }
        }
    }

    /** Aborts the request serving task {@code id}, or refuses it when it has not arrived yet. */
    public synchronized void cancel(String id) {
        Thread thread = running.get(id);
        if (thread != null) {
            thread.interrupt();
            return;
        }
        if (cancelledEarly.size() >= MAX_EARLY_CANCELS) {
            cancelledEarly.clear();
        }
        cancelledEarly.add(id);
    }

    /** Tasks being served right now. */
    public int running() {
        return running.size();
    }
}
