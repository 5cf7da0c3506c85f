package io.skald.bench.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * CPU time of server processes from Linux {@code /proc}: {@code utime + stime} of {@code /proc/PID/stat} (all threads
 * of the process), in clock ticks of {@code getconf CLK_TCK}.
 */
public final class ProcCpu {
    private static final long DEFAULT_TICKS = 100;
    private static final Pattern SPACE = Pattern.compile(" ");

    private final Path proc;
    private final long ticksPerSecond;

    public ProcCpu(Path proc, long ticksPerSecond) {
        this.proc = proc;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** Reads the real {@code /proc} with the system's clock tick rate. */
    public static ProcCpu system() {
        return new ProcCpu(Path.of("/proc"), clockTicks());
    }

    public long ticksPerSecond() {
        return ticksPerSecond;
    }

    /** {@code getconf CLK_TCK}, or 100 (Linux's USER_HZ nearly everywhere) when it cannot be run. */
    static long clockTicks() {
        try {
            Process process = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0 && !out.isEmpty()) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DEFAULT_TICKS;
    }

    /** User plus system CPU ticks of the process, or -1 when it is gone. */
    public long cpuTicks(long pid) {
        String stat;
        try {
            stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return -1;
        }
        // The command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'.
        String[] fields = SPACE.split(stat.substring(stat.lastIndexOf(')') + 2).trim(), -1);
        // fields[0] is field 3 (state); utime is field 14 and stime field 15.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * Pids whose command line, arguments joined by spaces, contains a match of the regex; this JVM and its ancestors
     * (such as the shell whose command line holds the pattern itself) are left out.
     */
    public List<Long> findPids(Pattern commandLine) {
        Set<Long> excluded = new HashSet<>();
        for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current());
                p.isPresent();
                p = p.get().parent()) {
            excluded.add(p.get().pid());
        }
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (excluded.contains(pid)) {
                    continue;
                }
                String cmdline;
                try {
                    cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ')
                            .trim();
                } catch (IOException e) {
                    continue; // exited while listing
                }
                if (!cmdline.isEmpty() && commandLine.matcher(cmdline).find()) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        pids.sort(null);
        return pids;
    }

    /** Ticks of each pid now; pids that are gone are left out. */
    public Map<Long, Long> sample(List<Long> pids) {
        Map<Long, Long> ticks = new LinkedHashMap<>();
        for (long pid : pids) {
            long t = cpuTicks(pid);
            if (t >= 0) {
                ticks.put(pid, t);
            }
        }
        return ticks;
    }

    /** CPU seconds used between two samples, over the pids present in both. */
    public double secondsBetween(Map<Long, Long> before, Map<Long, Long> after) {
        long ticks = 0;
        for (Map.Entry<Long, Long> entry : after.entrySet()) {
            Long start = before.get(entry.getKey());
            if (start != null) {
                ticks += entry.getValue() - start;
            }
        }
        return (double) ticks / ticksPerSecond;
    }
}
