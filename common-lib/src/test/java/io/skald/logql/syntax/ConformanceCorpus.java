package io.skald.logql.syntax;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The Loki conformance cases shipped as test resources ({@code conformance/cases/*.json}), read from the classpath. */
final class ConformanceCorpus {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One request and Loki's recorded answer. */
    record Case(String id, String endpoint, JsonNode params, int expectedStatus, JsonNode expectedBody) {
        String query() {
            return params.path("query").asString();
        }

        boolean hasQuery() {
            return params.has("query");
        }

        String expectedError() {
            return expectedBody.path("error").asString();
        }
    }

    private ConformanceCorpus() {}

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Path file : caseFiles()) {
            try (InputStream in = Files.newInputStream(file)) {
                for (JsonNode node : MAPPER.readTree(in)) {
                    cases.add(new Case(
                            node.path("id").asString(),
                            node.path("endpoint").asString(),
                            node.path("params"),
                            node.path("expected_status").asInt(),
                            node.path("expected_body_normalized")));
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        }
        return cases;
    }

    /** Every query text in the corpus: {@code query} params and {@code match[]} selectors. */
    static List<String> queries() {
        List<String> queries = new ArrayList<>();
        for (Case c : cases()) {
            if (c.hasQuery()) {
                queries.add(c.query());
            }
            JsonNode match = c.params().path("match[]");
            if (match.isArray()) {
                match.forEach(m -> queries.add(m.asString()));
            } else if (match.isString()) {
                queries.add(match.asString());
            }
        }
        return queries.stream().distinct().toList();
    }

    private static List<Path> caseFiles() {
        URL url = ConformanceCorpus.class.getClassLoader().getResource("conformance/cases");
        if (url == null) {
            throw new IllegalStateException("conformance/cases is not on the test classpath");
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list conformance cases", e);
        }
    }
}
