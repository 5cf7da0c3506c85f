package io.skald.querier.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The scheduler's cancel reaches the request thread serving the task, and only that one. */
class RunningTasksTest {
    private final RunningTasks tasks = new RunningTasks();

    @Test
    void cancelInterruptsTheRequestServingTheTaskAndTheThreadIsCleanAfterwards() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread server = Thread.ofPlatform().start(() -> {
            try {
                tasks.doFilter(request("task-1"), new MockHttpServletResponse(), (req, res) -> {
                    inside.countDown();
                    try {
                        Thread.sleep(Duration.ofSeconds(30));
                        outcome.complete("finished");
                    } catch (InterruptedException e) {
                        outcome.complete("interrupted");
                    }
                });
                outcome.complete(outcome.getNow("") + (Thread.currentThread().isInterrupted() ? " dirty" : " clean"));
            } catch (Exception e) {
                outcome.completeExceptionally(e);
            }
        });
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(tasks.running()).isEqualTo(1);
        tasks.cancel("other-task");
        tasks.cancel("task-1");
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isEqualTo("interrupted");
        server.join(5000);
        assertThat(tasks.running()).isZero();
    }

    @Test
    void aTaskCancelledBeforeItsRequestArrivesIsRefused() throws Exception {
        tasks.cancel("task-2");
        MockHttpServletResponse response = new MockHttpServletResponse();
        boolean[] ran = {false};
        tasks.doFilter(request("task-2"), response, (req, res) -> ran[0] = true);
        assertThat(ran[0]).isFalse();
        assertThat(response.getStatus()).isEqualTo(499);

        // Only once: a later request with the same id runs.
        MockHttpServletResponse again = new MockHttpServletResponse();
        tasks.doFilter(request("task-2"), again, (req, res) -> ran[0] = true);
        assertThat(ran[0]).isTrue();
    }

    @Test
    void requestsWithoutATaskIdPassThrough() throws Exception {
        boolean[] ran = {false};
        tasks.doFilter(new MockHttpServletRequest("GET", "/ready"), new MockHttpServletResponse(), (req, res) -> {
            ran[0] = true;
        });
        assertThat(ran[0]).isTrue();
        assertThat(tasks.running()).isZero();
    }

    private static MockHttpServletRequest request(String taskId) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/loki/api/v1/query_range");
        request.addHeader(RunningTasks.TASK_HEADER, taskId);
        return request;
    }
}
