package io.skald.ring;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /ring} status page as JSON (Loki's shape: {@code {"shards": [...], "now": ...}}) and as an HTML table
 * with a "Forget" button per instance that posts {@code forget=<id>}.
 */
public final class RingStatusPage {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Ring ring;
    private final Clock clock;

    public RingStatusPage(Ring ring, Clock clock) {
        this.ring = ring;
        this.clock = clock;
    }

    /** One table row. */
    private record Row(InstanceDesc instance, String state, double ownership) {}

    private List<Row> rows() {
        Map<String, Double> ownership = ring.ownership();
        List<Row> rows = new ArrayList<>();
        for (InstanceDesc instance : ring.instances()) {
            String state =
                    ring.isUnhealthy(instance) ? "UNHEALTHY" : instance.state().name();
            rows.add(new Row(instance, state, ownership.getOrDefault(instance.id(), 0.0)));
        }
        return rows;
    }

    /** The JSON document: {@code shards} (id, state, address, timestamp, registered_timestamp, zone, tokens, ownership) and {@code now}. */
    public String json() {
        List<Map<String, Object>> shards = new ArrayList<>();
        for (Row row : rows()) {
            InstanceDesc i = row.instance();
            Map<String, Object> shard = new LinkedHashMap<>();
            shard.put("id", i.id());
            shard.put("state", row.state());
            shard.put("address", i.address());
            shard.put("http_address", i.httpAddress());
            shard.put("timestamp", timestamp(i.heartbeatMillis()));
            shard.put("registered_timestamp", timestamp(i.registeredAtMillis()));
            shard.put("zone", i.zone());
            shard.put("tokens", i.tokens().stream().map(Integer::toUnsignedLong).toList());
            shard.put("ownership", percent(row.ownership()));
            shards.add(shard);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("shards", shards);
        document.put("now", timestamp(clock.millis()));
        return JSON.writeValueAsString(document);
    }

    /** The HTML page: one row per instance with id, state, address, zone, token count, ownership and heartbeat. */
    public String html() {
        StringBuilder out = new StringBuilder(2048);
        String title = "Skald " + escape(ring.name()) + " ring status";
        out.append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n<title>")
                .append(title)
                .append("</title>\n</head>\n<body>\n<h1>")
                .append(title)
                .append("</h1>\n<p>Current time: ")
                .append(timestamp(clock.millis()))
                .append("</p>\n<form action=\"\" method=\"POST\">\n<table border=\"1\">\n<thead>\n<tr>")
                .append("<th>Instance ID</th><th>Availability Zone</th><th>State</th><th>Address</th>")
                .append("<th>Registered At</th><th>Last Heartbeat</th><th>Tokens</th><th>Ownership</th>")
                .append("<th>Actions</th></tr>\n</thead>\n<tbody>\n");
        for (Row row : rows()) {
            InstanceDesc i = row.instance();
            out.append("<tr")
                    .append(row.state().equals("ACTIVE") ? "" : " bgcolor=\"#FFDDDD\"")
                    .append("><td>")
                    .append(escape(i.id()))
                    .append("</td><td>")
                    .append(escape(i.zone()))
                    .append("</td><td>")
                    .append(row.state())
                    .append("</td><td>")
                    .append(escape(i.address()))
                    .append("</td><td>")
                    .append(timestamp(i.registeredAtMillis()))
                    .append("</td><td>")
                    .append(timestamp(i.heartbeatMillis()))
                    .append("</td><td>")
                    .append(i.tokens().size())
                    .append("</td><td>")
                    .append(percent(row.ownership()))
                    .append("</td><td><button name=\"forget\" value=\"")
                    .append(escape(i.id()))
                    .append("\" type=\"submit\">Forget</button></td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</form>\n</body>\n</html>\n");
        return out.toString();
    }

    /** Handles the page's POST: forgets the instance named by the {@code forget} form field, if any. */
    public void handleForm(Map<String, String> form) {
        String id = form.get("forget");
        if (id != null && !id.isEmpty()) {
            ring.forget(id);
        }
    }

    private static String timestamp(long millis) {
        return millis <= 0 ? "" : Instant.ofEpochMilli(millis).toString();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f%%", share * 100);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
