package io.skald.frontend;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Re-encodes a form body from the servlet parameter map, leaving out what the query string already carries. */
final class FormBody {
    private FormBody() {}

    static String encode(Map<String, String[]> parameters, @Nullable String queryString) {
        Map<String, Integer> inQuery = new HashMap<>();
        if (queryString != null && !queryString.isEmpty()) {
            for (String pair : queryString.split("&", -1)) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                inQuery.merge(name, 1, Integer::sum);
            }
        }
        StringBuilder out = new StringBuilder();
        parameters.forEach((name, values) -> {
            int skip = inQuery.getOrDefault(name, 0);
            for (String value : List.of(values).subList(Math.min(skip, values.length), values.length)) {
                if (!out.isEmpty()) {
                    out.append('&');
                }
                out.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return out.toString();
    }
}
