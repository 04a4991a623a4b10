package org.miniops.plugins.fail2ban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PythonLiteralTest {

    @Test
    void listOfStringsAndIntegers() {
        assertThat(PythonLiteral.parse("['set', 'sshd', 'maxretry', 5]")).isEqualTo(List.of("set", "sshd", "maxretry", 5L));
    }

    @Test
    void doubleQuotedStringHoldsSingleQuote() {
        assertThat(PythonLiteral.parse("[\"none of user's groups\"]")).isEqualTo(List.of("none of user's groups"));
    }

    @Test
    void escapesAreDecoded() {
        assertThat(PythonLiteral.parse("'a\\nb\\t\\\\S+\\'\\x41\\u00e9'")).isEqualTo("a\nb\t\\S+'A\u00e9");
    }

    @Test
    void nestedListsAndConstants() {
        Object parsed = PythonLiteral.parse("[['port', 'ssh'], ['norestored', True], None, (1,), 1.5]");

        assertThat(parsed).isEqualTo(Arrays.asList(List.of("port", "ssh"), List.of("norestored", true), null, List.of(1L), 1.5));
    }

    @Test
    void emptyList() {
        assertThat(PythonLiteral.parse("[]")).isEqualTo(List.of());
    }

    @Test
    void unclosedStringIsRejected() {
        assertThatThrownBy(() -> PythonLiteral.parse("['set', 'sshd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("string not closed");
    }

    @Test
    void trailingTextIsRejected() {
        assertThatThrownBy(() -> PythonLiteral.parse("['start', 'sshd'] extra"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unexpected text after the literal");
    }
}
