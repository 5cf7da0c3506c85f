package io.skald.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.helm.RenderedChart.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each image the chart deploys has a Dockerfile in its module that builds what the chart expects. */
class DockerfilesTest {
    private static final Pattern IMAGE = Pattern.compile("skald/([a-z-]+):(.+)");
    private static final Pattern FINAL_NAME = Pattern.compile("<finalName>([a-z-]+)</finalName>");

    @Test
    void everyChartImageHasAMatchingDockerfile() throws IOException {
        RenderedChart chart = RenderedChart.render();
        Path root = RenderedChart.chartDir().resolve("../..").normalize();
        for (ChartProfile.Component component : ChartProfile.Component.values()) {
            List<Workload> workloads = chart.workloads(component.label);
            assertThat(workloads).as(component.label).isNotEmpty();
            Workload workload = workloads.get(0);
            Matcher image = IMAGE.matcher(workload.container().getImage());
            assertThat(image.matches()).as(workload.container().getImage()).isTrue();
            assertThat(image.group(2)).as("tag defaults to appVersion").isEqualTo("0.1.0");
            String module = image.group(1);

            Matcher finalName =
                    FINAL_NAME.matcher(Files.readString(root.resolve(module).resolve("pom.xml")));
            assertThat(finalName.find()).as(module + " finalName").isTrue();
            String dockerfile = Files.readString(root.resolve(module).resolve("Dockerfile"));

            assertThat(dockerfile).as(module).contains("FROM eclipse-temurin:21-jre");
            assertThat(dockerfile)
                    .contains("COPY --chown=root:root target/" + finalName.group(1) + "-exec.jar /app/app.jar");
            assertThat(dockerfile).contains("USER 10001:10001");
            assertThat(dockerfile).containsPattern("ENTRYPOINT \\[\"java\", .*\"-jar\", \"/app/app.jar\"]");
            // The image's default command is what the chart passes first: the same config path and -target.
            List<String> args = workload.container().getArgs();
            assertThat(dockerfile).contains("CMD [\"" + args.get(0) + "\", \"" + args.get(1) + "\"]");
        }
    }
}
