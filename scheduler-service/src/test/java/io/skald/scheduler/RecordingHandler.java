package io.skald.scheduler;

import com.google.protobuf.ByteString;
import io.skald.proto.scheduler.NameValue;
import io.skald.proto.scheduler.QueryTask;
import io.skald.proto.scheduler.TaskResult;
import io.skald.scheduler.client.TaskHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A querier's handler for tests: records every task it gets; {@code /block} waits for a permit of {@link #gate}
 * (counting interruptions); everything else answers 200 with {@code <tenant> <path>?<params>} at once.
 */
final class RecordingHandler implements TaskHandler {
    static final String BLOCK = "/block";

    final List<QueryTask> handled = new CopyOnWriteArrayList<>();
    final Semaphore gate = new Semaphore(0);
    final AtomicInteger interrupted = new AtomicInteger();

    @Override
    public TaskResult handle(QueryTask task) throws InterruptedException {
        handled.add(task);
        if (task.getRequest().getPath().equals(BLOCK)) {
            try {
                gate.acquire();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
        }
        return TaskResult.newBuilder()
                .setStatus(200)
                .setBody(ByteString.copyFrom(describe(task), StandardCharsets.UTF_8))
                .build();
    }

    static String describe(QueryTask task) {
        String params = task.getRequest().getParamsList().stream()
                .map(p -> p.getName() + "=" + p.getValue())
                .collect(Collectors.joining("&"));
        return task.getTenant() + " " + task.getRequest().getPath() + "?" + params;
    }

    List<String> tenants() {
        return handled.stream().map(QueryTask::getTenant).toList();
    }

    List<String> paths() {
        return handled.stream().map(t -> t.getRequest().getPath()).toList();
    }

    static NameValue param(String name, String value) {
        return NameValue.newBuilder().setName(name).setValue(value).build();
    }
}
