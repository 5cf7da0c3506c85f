package io.skald.frontend;

import io.skald.proto.scheduler.NameValue;
import io.skald.tenant.TenantResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;

/** The request headers a querier needs to answer as Loki would; the rest stay at the frontend. */
final class ForwardedHeaders {
    static final String ENCODING_FLAGS = "X-Loki-Response-Encoding-Flags";

    static final List<String> NAMES = List.of(
            TenantResolver.HEADER,
            HttpHeaders.CONTENT_TYPE,
            HttpHeaders.ACCEPT,
            ENCODING_FLAGS,
            "X-Query-Tags",
            "X-Grafana-User");

    private ForwardedHeaders() {}

    /** The forwarded headers {@code request} carries, for a scheduler task. */
    static List<NameValue> of(HttpServletRequest request) {
        List<NameValue> out = new ArrayList<>();
        for (String name : NAMES) {
            String value = request.getHeader(name);
            if (value != null && !name.equals(HttpHeaders.CONTENT_TYPE)) {
                out.add(NameValue.newBuilder().setName(name).setValue(value).build());
            }
        }
        return out;
    }
}
