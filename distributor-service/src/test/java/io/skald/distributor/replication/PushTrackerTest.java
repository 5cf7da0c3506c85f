package io.skald.distributor.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class PushTrackerTest {
    private static IngesterPushException error(String ingester) {
        return IngesterPushException.from(
                ingester, Status.UNAVAILABLE.withDescription(ingester).asRuntimeException());
    }

    @Test
    void succeedsOnceEveryStreamHasItsQuorum() {
        // Two streams on three replicas each: two acknowledgements needed, one failure allowed.
        PushTracker tracker = new PushTracker(new int[] {2, 2}, new int[] {1, 1});
        tracker.succeeded(new int[] {0, 1});
        assertThat(tracker.done()).isNotDone();
        tracker.failed(new int[] {0, 1}, error("b"));
        assertThat(tracker.done()).isNotDone();
        tracker.succeeded(new int[] {0});
        assertThat(tracker.done()).isNotDone();
        tracker.succeeded(new int[] {1});
        assertThat(tracker.done()).isCompleted();
    }

    @Test
    void failsWithTheErrorThatExceededAStreamsAllowance() throws InterruptedException {
        PushTracker tracker = new PushTracker(new int[] {2, 2}, new int[] {1, 1});
        tracker.failed(new int[] {0}, error("a"));
        tracker.succeeded(new int[] {1});
        tracker.failed(new int[] {0, 1}, error("b"));

        assertThat(tracker.done()).isCompletedExceptionally();
        try {
            tracker.done().get();
        } catch (ExecutionException e) {
            assertThat(e.getCause()).hasMessage("rpc error: code = Unavailable desc = b");
        }
        // Later answers change nothing.
        tracker.succeeded(new int[] {0, 1});
        assertThat(tracker.done()).isCompletedExceptionally();
    }

    @Test
    void nothingToTrackIsDoneAtOnce() {
        assertThat(new PushTracker(new int[0], new int[0]).done()).isCompleted();
    }
}
