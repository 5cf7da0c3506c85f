package io.skald.server;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/** Whether the process as a whole serves: only between "application ready" and the start of shutdown. */
public final class ServiceState {
    /** Lifecycle of the process, as {@code /services} prints it. */
    public enum State {
        STARTING("Starting"),
        RUNNING("Running"),
        STOPPING("Stopping");

        private final String text;

        State(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);

    public State state() {
        return state.get();
    }

    @EventListener
    public void onReady(ApplicationReadyEvent event) {
        state.compareAndSet(State.STARTING, State.RUNNING);
    }

    @EventListener
    public void onClosing(ContextClosedEvent event) {
        state.set(State.STOPPING);
    }
}
