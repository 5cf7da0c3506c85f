package io.skald.logql.log.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go template behaviour; expected outputs come from Loki's answers in the conformance corpus where they exist. */
class TemplateTest {
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("level", "info"),
            Map.entry("pod", "billing-7c9e438-g58k3"),
            Map.entry("duration", "175ms"),
            Map.entry("bytes", "1224"),
            Map.entry("total", "129.34"),
            Map.entry("requests_total", "93446"),
            Map.entry("errors_total", "188"),
            Map.entry("cpu", "0.183"),
            Map.entry("queue_depth", "38"),
            Map.entry("latency_ms", "3482.963"),
            Map.entry("user_id", "2191"),
            Map.entry("ts", "2026-01-05T10:46:55.183128Z"),
            Map.entry("status", "200"),
            Map.entry("path", "/api/v1/products?page=4&size=10"));
    private static final EntryContext ENTRY = new EntryContext(
            "2026-01-05 11:46:56.655 UTC [4242] DETAIL:  Key (id)=(39873) already exists.", 1_767_607_510_520_000_000L);

    private static String run(String template) throws TemplateException {
        return Template.parse("line", template).execute(LABELS, ENTRY);
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = "=>",
            quoteCharacter = '~',
            value = {
                "{{.level}} ({{.duration}}) {{.missing}}. => info (175ms) .",
                "{{ .level | upper | alignLeft 6 }}|{{ .pod | alignRight 10 }}| => ~INFO  |e438-g58k3|~",
                "{{ sub .requests_total .errors_total }} {{ addf .cpu 1 }} {{ divf .queue_depth 4 }} => 93258 1.183 9.5",
                "{{ div .bytes 100 }} {{ round .total 0 }} {{ ceil .total }} {{ floor .total }} => 12 129 130 129",
                "{{ .bytes | bytes }} {{ .duration | duration }} => 1224 0.175",
                "{{ mulf .latency_ms 1000 | printf \"%.0f\" }}us {{ .user_id | int | add 1 }} => 3482963us 2192",
                "{{ printf \"%-8s|%6s\" .level .status }} => info    |   200",
                "{{ toDateInZone \"2006-01-02T15:04:05.000000Z\" \"UTC\" .ts | unixEpochMillis }} => 1767610015183",
                "{{ __timestamp__ | date \"2006-01-02T15:04:05.000Z07:00\" }} => 2026-01-05T10:05:10.520Z",
                "{{ unixEpoch __timestamp__ }} => 1767607510",
                "{{ regexReplaceAll \"\\\\[\\\\d+\\\\]\" __line__ \"[pid]\" | trunc 30 }} => 2026-01-05 11:46:56.655 UTC [p",
                "{{ __line__ | trimPrefix \"2026-01-05 \" | trunc 12 }} => 11:46:56.655",
                "{{ .path | urlencode }} => %2Fapi%2Fv1%2Fproducts%3Fpage%3D4%26size%3D10",
                "{{ __line__ | len }} => 76",
                "{{ if eq .level \"info\" }}I{{ else if eq .level \"warn\" }}W{{ else }}?{{ end }} => I",
                "{{ if and .level (not .missing) }}yes{{ end }} => yes",
                "{{ .missing | default \"none\" }} {{ .level | default \"none\" }} => none info",
                "{{ regexReplaceAll \"(\\\\w+)=(\\\\d+)\" \"a=1 b=2\" \"${2}:$1\" }} => 1:a 2:b",
                "{{ ToUpper .level }} {{ title \"hello world\" }} {{ TrimSpace \"  x \" }} => INFO Hello World x",
                "{{ substr 0 4 .pod }} {{ repeat 2 \"ab\" }} {{ contains \"ill\" .pod }} => bill abab true",
                "{{ 1e6 }} {{ divf 1 3 }} {{ mulf 1000000 10 }} {{ 0.0001 }} {{ 0.00001 }} => 1e+06 0.3333333333333333 1e+07 0.0001 1e-05",
                "{{- \"  trimmed\" -}}   tail => '  trimmedtail'",
                "{{ $x := .level }}{{ $x }}-{{ $x | upper }} => info-INFO",
                "{{ count \"a\" \"banana\" }} {{ b64enc \"hi\" }} {{ b64dec \"aGk=\" }} => 3 aGk= hi",
                "{{ (fromJson \"{\\\"a\\\":{\\\"b\\\":2}}\").a.b }} => 2",
            })
    void rendersLikeGo(String template, String expected) throws TemplateException {
        String want = expected.startsWith("'") ? expected.substring(1, expected.length() - 1) : expected;
        assertThat(run(template)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = "=>",
            quoteCharacter = '~',
            value = {
                "{{ round .total }} => template: line:1:3: executing \"line\" at <round>: wrong number of args for round: want at least 2 got 1",
                "{{ unixEpoch __timestamp__ }} {{ __timestamp__ | unixToTime | date \"15:04\" }} => template: line:1:49: executing \"line\" at <unixToTime>: wrong type for value; expected string; got time.Time",
                "{{ .missing | bytes }} => template: line:1:14: executing \"line\" at <bytes>: error calling bytes: strconv.ParseFloat: parsing \"\": invalid syntax",
                "{{ gt .status 100 }} => template: line:1:3: executing \"line\" at <gt>: error calling gt: incompatible types for comparison",
                "{{ .level }}\\n{{ div 1 0 }} => template: line:2:3: executing \"line\" at <div>: error calling div: runtime error: integer divide by zero",
            })
    void executionErrorsReadLikeGo(String template, String message) throws TemplateException {
        Template parsed = Template.parse("line", template.replace("\\n", "\n"));
        assertThatThrownBy(() -> parsed.execute(LABELS, ENTRY))
                .isInstanceOf(TemplateException.class)
                .hasMessage(message);
    }

    @Test
    void goBuiltinsForEscapingAndSlicing() throws TemplateException {
        assertThat(run("{{ html \"<a href='x'>&\" }}")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;");
        assertThat(run("{{ js \"it's <b>\" }}")).isEqualTo("it\\'s \\u003Cb\\u003E");
        assertThat(run("{{ slice .level 1 3 }}")).isEqualTo("nf");
        assertThatThrownBy(() -> Template.parse("line", "{{ regexMatch \"a\" .level }}"))
                .hasMessage("template: line:1: function \"regexMatch\" not defined");
    }

    @Test
    void parseErrors() {
        assertThatThrownBy(() -> Template.parse("line", "{{ nosuch .a }}"))
                .hasMessage("template: line:1: function \"nosuch\" not defined");
        assertThatThrownBy(() -> Template.parse("line", "{{ if .a }}x")).hasMessage("template: line:1: unexpected EOF");
        assertThatThrownBy(() -> Template.parse("line", "{{.foo")).hasMessage("template: line:1: unclosed action");
    }
}
