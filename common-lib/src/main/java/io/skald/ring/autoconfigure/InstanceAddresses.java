package io.skald.ring.autoconfigure;

import io.skald.config.LokiConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.core.env.Environment;

/** How an instance names itself in a ring: its id and the host others reach it at. */
public final class InstanceAddresses {
    private InstanceAddresses() {}

    /** The {@code host:port} pair a ring entry shows for the gRPC and the HTTP server. */
    public record Advertised(String grpc, String http) {}

    /**
     * What this process advertises once both servers listen: {@link #advertisedHost} with the port the gRPC server
     * bound ({@code boundGrpcPort}, or the configured one when it is negative) and the HTTP port Spring bound.
     */
    public static Advertised advertised(LokiConfig config, Environment environment, int boundGrpcPort) {
        String host = advertisedHost(config);
        int grpcPort = boundGrpcPort >= 0 ? boundGrpcPort : config.server().grpcListenPort();
        String httpPort = environment.getProperty(
                "local.server.port", Integer.toString(config.server().httpListenPort()));
        return new Advertised(host + ":" + grpcPort, host + ":" + httpPort);
    }

    /** {@code common.instance_addr}, else the gRPC listen address when it is a specific one, else this host's. */
    public static String advertisedHost(LokiConfig config) {
        String configured = config.common().instanceAddr();
        if (!configured.isBlank()) {
            return configured;
        }
        String listen = config.server().grpcListenAddress();
        if (!listen.isBlank() && !listen.equals("0.0.0.0") && !listen.equals("::") && !listen.equals("[::]")) {
            return listen;
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
    }

    /** The pod or host name ({@code HOSTNAME} first, as in Kubernetes), else the given fallback. */
    public static String hostName(String fallback) {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return fallback;
        }
    }
}
