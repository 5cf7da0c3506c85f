package io.skald.bench.loadgen;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/** Where pushes go: the push endpoint, the tenant ({@code X-Scope-OrgID}, none when null) and the body format. */
public record PushTarget(URI pushUri, @Nullable String tenant, PushEncoding encoding) {

    /** The push endpoint under a base URL such as {@code http://127.0.0.1:3100}. */
    public static URI pushUri(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return URI.create(base + "/loki/api/v1/push");
    }
}
