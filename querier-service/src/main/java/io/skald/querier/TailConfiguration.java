package io.skald.querier;

import io.skald.tenant.TenantResolver;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;

/** Registers the live tail websocket; the tenant header of the upgrade request is kept for the session. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class TailConfiguration implements WebSocketConfigurer {
    private final TailHandler handler;

    TailConfiguration(TailHandler handler) {
        this.handler = handler;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/loki/api/v1/tail", "/api/prom/tail")
                .addInterceptors(new HandshakeInterceptor() {
                    @Override
                    public boolean beforeHandshake(
                            ServerHttpRequest request,
                            ServerHttpResponse response,
                            WebSocketHandler wsHandler,
                            Map<String, Object> attributes) {
                        String tenant = request.getHeaders().getFirst(TenantResolver.HEADER);
                        if (tenant != null) {
                            attributes.put(TailHandler.TENANT_ATTRIBUTE, tenant);
                        }
                        return true;
                    }

                    @Override
                    public void afterHandshake(
                            ServerHttpRequest request,
                            ServerHttpResponse response,
                            WebSocketHandler wsHandler,
                            @org.jspecify.annotations.Nullable Exception exception) {}
                })
                .setAllowedOrigins("*");
    }
}
