package io.skald.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcCpuTest {

    @Test
    void ownProcessCpuGrowsWhileBurning() {
        ProcCpu proc = ProcCpu.system();
        long self = ProcessHandle.current().pid();
        assertThat(proc.ticksPerSecond()).isPositive();
        Map<Long, Long> before = proc.sample(List.of(self));
        assertThat(before.get(self)).isPositive();

        long spent = burnThreadCpu(300);

        Map<Long, Long> after = proc.sample(List.of(self));
        double seconds = proc.secondsBetween(before, after);
        // This thread alone spent 0.3 s of CPU (ticks are 10 ms); JIT and GC threads only add to it.
        assertThat(seconds).isGreaterThanOrEqualTo(0.25);
        assertThat(spent).isNotZero();
    }

    @Test
    void goneProcessIsLeftOut() {
        ProcCpu proc = ProcCpu.system();
        assertThat(proc.cpuTicks(Long.MAX_VALUE)).isEqualTo(-1);
        assertThat(proc.sample(List.of(Long.MAX_VALUE))).isEmpty();
    }

    @Test
    void statFieldsAreCountedAfterTheCommandName(@TempDir Path proc) throws Exception {
        // A command name with spaces and parentheses must not shift the fields; utime=field 14, stime=field 15.
        Path dir = Files.createDirectories(proc.resolve("4242"));
        Files.writeString(
                dir.resolve("stat"),
                "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 30 0 100 0 0\n",
                StandardCharsets.UTF_8);
        Files.write(dir.resolve("cmdline"), "java\0-jar\0skald.jar\0".getBytes(StandardCharsets.UTF_8));
        ProcCpu cpu = new ProcCpu(proc, 100);

        assertThat(cpu.cpuTicks(4242)).isEqualTo(1234 + 567);
        assertThat(cpu.findPids(Pattern.compile("-jar skald\\.jar"))).containsExactly(4242L);
        assertThat(cpu.findPids(Pattern.compile("loki"))).isEmpty();
        assertThat(cpu.secondsBetween(Map.of(4242L, 100L), Map.of(4242L, 350L, 7L, 999L)))
                .isEqualTo(2.5);
    }

    @Test
    void findsAChildProcessByItsCommandLine() throws Exception {
        Process child = new ProcessBuilder("sleep", "37.25").start();
        try {
            List<Long> pids = ProcCpu.system().findPids(Pattern.compile("^sleep 37\\.25$"));
            assertThat(pids).containsExactly(child.pid());
        } finally {
            child.destroy();
            child.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Spins until this thread has used {@code millis} of CPU time: wall time says little on a busy machine. */
    @Test
    void neverMatchesItselfOrItsAncestors() {
        ProcCpu proc = ProcCpu.system();
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        // ".*" matches every process with a command line; this JVM and its parent must still be left out.
        List<Long> pids = proc.findPids(Pattern.compile(".*"));
        assertThat(pids).doesNotContain(ProcessHandle.current().pid(), parent);
    }

    private static long burnThreadCpu(long millis) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long end = threads.getCurrentThreadCpuTime() + millis * 1_000_000L;
        long x = 1;
        while (threads.getCurrentThreadCpuTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        return x;
    }
}
