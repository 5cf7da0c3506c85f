package io.skald.logql.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ip("...") patterns read as Go's netip reads them. */
class IpPatternTest {

    static Stream<Arguments> containment() {
        return Stream.of(
                Arguments.of("10.0.0.0/8", "10.255.1.2", true),
                Arguments.of("10.0.0.0/8", "11.0.0.1", false),
                Arguments.of("192.168.0.1/16", "192.168.200.1", true),
                Arguments.of("203.0.113.0/25", "203.0.113.127", true),
                Arguments.of("203.0.113.0/25", "203.0.113.128", false),
                Arguments.of("1.2.3.4", "1.2.3.4", true),
                Arguments.of("1.2.3.4", "1.2.3.5", false),
                Arguments.of("10.0.0.1-10.0.0.9", "10.0.0.5", true),
                Arguments.of("10.0.0.1-10.0.0.9", "10.0.0.10", false),
                Arguments.of("::1", "::1", true),
                Arguments.of("2001:db8::/32", "2001:db8:1::7", true),
                Arguments.of("2001:db8::/32", "2001:db9::1", false),
                Arguments.of("::ffff:0:0/96", "::ffff:10.0.0.1", true),
                Arguments.of("10.0.0.0/8", "::ffff:10.0.0.1", false));
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("containment")
    void containsAddressesLikeNetip(String pattern, String address, boolean contained) {
        IpPattern.Address parsed = IpPattern.parseAddress(address);
        assertThat(parsed).isNotNull();
        assertThat(IpPattern.parse(pattern).contains(parsed)).isEqualTo(contained);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"x", "1.2.3", "1.2.3.256", "01.2.3.4", "10.0.0.0/33", "10.0.0.9-10.0.0.1", "1:2:3", "1::2::3", ""
            })
    void rejectsWhatNetipRejects(String pattern) {
        assertThatThrownBy(() -> IpPattern.parse(pattern))
                .hasMessage("ip: invalid pattern: " + GoStringLiterals.quote(pattern));
    }
}
