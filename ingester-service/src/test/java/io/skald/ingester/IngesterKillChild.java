package io.skald.ingester;

import java.nio.file.Path;
import java.util.Map;

/** Runs an ingester in a child JVM for {@link IngesterKillTest}: prints {@code READY <grpc port>}, then waits to die. */
public final class IngesterKillChild {
    private IngesterKillChild() {}

    public static void main(String[] args) throws InterruptedException {
        IngesterProcess ingester = IngesterProcess.start(Path.of(args[0]), "", Map.of());
        System.out.println("READY " + ingester.grpcPort());
        System.out.flush();
        // The parent kills this JVM with SIGKILL; never exit on our own, but never outlive the parent either.
        while (ProcessHandle.current().parent().map(ProcessHandle::isAlive).orElse(false)) {
            Thread.sleep(200);
        }
        Runtime.getRuntime().halt(1);
    }
}
