package io.skald.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Query-string or form parameters of an API request, however the web layer received them. */
public record RequestParams(Map<String, List<String>> values) {

    public @Nullable String get(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.getFirst();
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }
}
