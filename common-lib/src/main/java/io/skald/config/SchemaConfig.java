package io.skald.config;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** {@code schema_config:} the index periods, each from a date on. */
public record SchemaConfig(List<Period> configs) {

    /** One {@code schema_config.configs[]} entry. */
    public record Period(
            LocalDate from,
            String store,
            String objectStore,
            String schema,
            String indexPrefix,
            Duration indexPeriod) {}

    static SchemaConfig bind(ConfigReader r) {
        List<Period> periods = r.sections("configs").stream()
                .map(c -> {
                    String from = c.string("from", "1970-01-01");
                    ConfigReader index = c.section("index");
                    LocalDate date;
                    try {
                        date = LocalDate.parse(from);
                    } catch (DateTimeParseException e) {
                        throw new ConfigException("schema_config.configs: invalid from date \"" + from + "\"", e);
                    }
                    return new Period(
                            date,
                            c.string("store", "tsdb"),
                            c.string("object_store", "filesystem"),
                            c.string("schema", "v13"),
                            index.string("prefix", "index_"),
                            index.duration("period", Duration.ofHours(24)));
                })
                .toList();
        return new SchemaConfig(periods);
    }
}
