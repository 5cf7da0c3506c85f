package io.skald.config;

import java.time.Duration;

/** {@code server:} listen addresses, ports, message sizes and log level. */
public record ServerConfig(
        String httpListenAddress,
        int httpListenPort,
        String grpcListenAddress,
        int grpcListenPort,
        String logLevel,
        long grpcServerMaxRecvMsgSize,
        long grpcServerMaxSendMsgSize,
        int grpcServerMaxConcurrentStreams,
        Duration gracefulShutdownTimeout) {

    static ServerConfig bind(ConfigReader r) {
        ConfigReader p = r.pending();
        return new ServerConfig(
                r.string("http_listen_address", ""),
                r.integer("http_listen_port", 3100),
                r.string("grpc_listen_address", ""),
                r.integer("grpc_listen_port", 9095),
                r.string("log_level", "info"),
                r.bytes("grpc_server_max_recv_msg_size", 4 * 1024 * 1024),
                r.bytes("grpc_server_max_send_msg_size", 4 * 1024 * 1024),
                p.integer("grpc_server_max_concurrent_streams", 100),
                r.duration("graceful_shutdown_timeout", Duration.ofSeconds(30)));
    }
}
