package io.skald.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version facts for {@code /loki/api/v1/status/buildinfo}, written into the jar by the build. */
public record BuildInfo(String version, String revision, String branch, String buildUser, String buildDate) {

    public static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/META-INF/skald/build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // A jar without build facts still serves; the endpoint then says "unknown".
        }
        return new BuildInfo(
                properties.getProperty("version", "unknown"),
                properties.getProperty("revision", "unknown"),
                properties.getProperty("branch", "unknown"),
                properties.getProperty("buildUser", "unknown"),
                properties.getProperty("buildDate", "unknown"));
    }
}
