package io.skald.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TenantResolverTest {
    private final TenantResolver auth = new TenantResolver(true);
    private final TenantResolver noAuth = new TenantResolver(false);

    @Test
    void missingHeaderIs401WhenAuthIsOn() {
        assertThatThrownBy(() -> auth.tenant(null))
                .isInstanceOfSatisfying(
                        TenantException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessage("no org id");
    }

    @Test
    void authOffMeansFake() {
        assertThat(noAuth.tenant(null)).isEqualTo("fake");
        assertThat(noAuth.tenants("a|b")).containsExactly("fake");
    }

    @Test
    void pipeSeparatesTenantsForReads() {
        assertThat(auth.tenants("a|b|a")).containsExactly("a", "b");
        assertThatThrownBy(() -> auth.tenant("a|b")).hasMessage("multiple org IDs present");
    }

    @Test
    void invalidIdsAre400() {
        assertThatThrownBy(() -> auth.tenant("a/b"))
                .isInstanceOfSatisfying(
                        TenantException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("tenant ID 'a/b' contains unsupported character '/'");
        assertThatThrownBy(() -> auth.tenant("..")).hasMessage("tenant ID is '.' or '..'");
        assertThatThrownBy(() -> auth.tenant("x".repeat(151))).hasMessage("tenant ID is too long: max 150 characters");
    }
}
