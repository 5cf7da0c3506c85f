package io.skald.ring.autoconfigure;

import io.skald.config.LokiConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** How an instance names itself in a ring: its id and the host others reach it at. */
public final class InstanceAddresses {
    private InstanceAddresses() {}

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
