package io.skald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LokiFlagsTest {

    @Test
    void parsesLokiStyleFlags() {
        LokiFlags flags = LokiFlags.parse(
                "-config.file=/etc/loki/config.yaml",
                "-target=distributor",
                "--config.expand-env=true",
                "-server.http-listen-port=3101",
                "-memberlist.join=a:7946",
                "-memberlist.join",
                "b:7946",
                "-log.level=debug");

        assertThat(flags.configFile()).isEqualTo(Path.of("/etc/loki/config.yaml"));
        assertThat(flags.target()).isEqualTo("distributor");
        assertThat(flags.expandEnv()).isTrue();
        assertThat(flags.overrides())
                .containsEntry("server.http_listen_port", "3101")
                .containsEntry("memberlist.join_members", "[a:7946,b:7946]")
                .containsEntry("server.log_level", "debug");
    }

    @Test
    void bareExpandEnvFlagMeansTrue() {
        assertThat(LokiFlags.parse("-config.expand-env").expandEnv()).isTrue();
    }

    @Test
    void rejectsPositionalArguments() {
        assertThatThrownBy(() -> LokiFlags.parse("config.yaml")).hasMessageContaining("unexpected argument");
    }

    @Test
    void wrongTargetIsRefusedWithAPointer() {
        assertThatThrownBy(() -> SkaldApplication.checkTarget(Target.DISTRIBUTOR, "querier"))
                .hasMessage("this is distributor-service, which serves only -target=distributor, not -target=querier;"
                        + " -target=querier is served by querier-service");
        assertThatThrownBy(() -> SkaldApplication.checkTarget(Target.INGESTER, "all"))
                .hasMessageContaining("Skald runs each component as its own service");
        assertThatThrownBy(() -> SkaldApplication.checkTarget(Target.INGESTER, "nonsense"))
                .hasMessageContaining("unknown target");
    }

    @Test
    void matchingOrMissingTargetIsAccepted() {
        SkaldApplication.checkTarget(Target.QUERY_FRONTEND, "query-frontend");
        SkaldApplication.checkTarget(Target.QUERY_FRONTEND, null);
    }
}
