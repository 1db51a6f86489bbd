package io.rtc.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.rtc.common.auth.AuthException;

class RefuseTest {

    @Test
    void noTokenIsAPlainBearerChallenge() {
        assertThat(Refuse.wwwAuthenticate(new AuthException("A bearer token is required"), false)).isEqualTo("Bearer");
    }

    @Test
    void aRefusedTokenNamesTheProblem() {
        assertThat(Refuse.wwwAuthenticate(new AuthException("Invalid token: it has expired"), true))
                .isEqualTo("Bearer error=\"invalid_token\", error_description=\"Invalid token: it has expired\"");
    }

    @Test
    void theDescriptionHasNoQuotesBackslashesOrControlCharacters() {
        String value = Refuse.wwwAuthenticate(new AuthException("bad \"quoted\" \\ value\r\nX-Injected: 1\u0000\u007f\t"), true);

        String description = value.substring(value.indexOf("error_description=\"") + "error_description=\"".length(), value.length() - 1);
        assertThat(description).isEqualTo("bad quoted  valueX-Injected: 1");
        assertThat(value).doesNotContain("\r").doesNotContain("\n").doesNotContain("\\");
        assertThat(value.chars().filter(c -> c == '"').count()).isEqualTo(4);
    }
}
