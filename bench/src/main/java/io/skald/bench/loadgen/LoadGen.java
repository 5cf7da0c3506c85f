package io.skald.bench.loadgen;

import java.io.PrintStream;

/**
 * The load generator's entry point: {@code java -jar skald-loadgen.jar ingest|fill|query --option value ...}. Only
 * standard Loki API calls are made, so it works unchanged against Grafana Loki.
 */
public final class LoadGen {
    private LoadGen() {}

    public static void main(String[] argv) throws Exception {
        System.exit(run(argv, System.out, System.err));
    }

    /** Runs a subcommand; returns the process exit code (0 ok, 1 failed requests, 2 usage error). */
    public static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help")) {
            out.println(usage());
            return argv.length == 0 ? 2 : 0;
        }
        try {
            Args args = Args.parse(argv, 1);
            return switch (argv[0]) {
                case "ingest" -> exitCode(IngestCommand.fromArgs(args).run(out));
                case "fill" -> exitCode(FillCommand.fromArgs(args).run(out));
                case "query" -> {
                    boolean failed = false;
                    for (QueryResult result : QueryCommand.fromArgs(args).run(out)) {
                        failed |= result.stats().size() < result.latencyNanos().count();
                    }
                    yield failed ? 1 : 0;
                }
                default -> {
                    err.println("unknown command " + argv[0]);
                    err.println(usage());
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(usage());
            return 2;
        }
    }

    private static int exitCode(IngestReport report) {
        return report.result().failures().isEmpty() ? 0 : 1;
    }

    static String usage() {
        return "usage: java -jar skald-loadgen.jar COMMAND [--option value ...]\n" + IngestCommand.USAGE + "\n"
                + FillCommand.USAGE + "\n" + QueryCommand.USAGE;
    }
}
