package io.skald.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LevelDetectorTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"level\":\"info\",\"msg\":\"x\"}|info",
                "  {\"Severity\":\"ERR\"}  |error",
                "{\"nested\":{\"level\":\"debug\"},\"lvl\":\"trc\"}|trace",
                "{\"msg\":\"an error happened\"}|error",
                "{\"level\":\"verbose\",\"msg\":\"INFO here\"}|info",
                "{not json but braces}|unknown",
                "level=warn msg=\"disk almost full\"|warn",
                "msg=\"level=error inside\" level=fatal|fatal",
                "LEVEL=CRITICAL|critical",
                "a=b c=d|unknown",
                "GET /health 200 info|info",
                "connection ERR: refused|error",
                "WARNING: low memory|warn",
                "critical: meltdown|critical",
                "DEBUG: details|debug",
                "just a line|unknown"
            })
    void detectsFromTheLine(String line, String level) {
        assertThat(LevelDetector.detect(Labels.of("app", "a"), List.of(), line)).isEqualTo(level);
    }

    @ParameterizedTest
    @CsvSource({
        "0,unknown",
        "1,trace",
        "4,trace",
        "5,debug",
        "9,info",
        "13,warn",
        "17,error",
        "21,fatal",
        "24,fatal",
        "25,unknown",
        "x,info"
    })
    void mapsOtlpSeverityNumbers(String number, String level) {
        assertThat(LevelDetector.detect(Labels.of("a", "b"), List.of(new MetadataPair("severity_number", number)), "l"))
                .isEqualTo(level);
    }

    @ParameterizedTest
    @CsvSource({"level,Crit", "lvl,x", "SEVERITY,s"})
    void labelsAndMetadataWinOverTheLine(String name, String value) {
        assertThat(LevelDetector.detect(Labels.of(name, value), List.of(), "level=error"))
                .isEqualTo(value);
        assertThat(LevelDetector.detect(Labels.of("a", "b"), List.of(new MetadataPair(name, value)), "level=error"))
                .isEqualTo(value);
    }

    /** The quick JSON scan must agree with the parser on every line, including those it hands over to the parser. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"level\":\"info\",\"msg\":\"x\"}",
                "{\"msg\":\"a \\\"quoted\\\" level\",\"level\":\"warn\"}",
                "{\"level\":\"in\\u0066o\"}",
                "{\"lev\\u0065l\":\"debug\"}",
                "{\"a\":[1,{\"level\":\"x\"},\"]\"],\"lvl\":\"error\"}",
                "{\"level\":\"info\",\"level\":\"error\"}",
                "{\"severity\":3,\"Level\":\"warn\"}",
                "{\"severity\":12}",
                "{\"level\":null}",
                "{\"level\":true}",
                "{\"level\":1.5e3}",
                "{\"level\":{\"name\":\"info\"}}",
                " { \"LEVEL\" : \"FATAL\" , \"n\" : -12 } ",
                "{}",
                "{\"level\":\"info\"",
                "{\"level\" \"info\"}",
                "{level:\"info\"}",
                "{\"msg\":\"no level here\",\"n\":[]}"
            })
    void quickJsonScanAgreesWithTheParser(String line) {
        assertThat(LevelDetector.jsonLevel(line)).isEqualTo(LevelDetector.jsonLevelParsed(line));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"ts\":\"2026\",\"level\":\"info\",\"ctx\":{\"a\":[1,2]}}|FOUND",
                "{\"msg\":\"x\"}|FOUND",
                "[1]|NOT_AN_OBJECT",
                "{\"level\":\"in\\\"fo\"}|UNSURE",
                "{\"level\":\"info\"|UNSURE"
            })
    void quickJsonScanHandlesCommonLinesItself(String line, JsonLevelScan.Outcome outcome) {
        assertThat(JsonLevelScan.scan(line, new String[9])).isEqualTo(outcome);
    }
}
