package io.rtc.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.rtc.common.support.FakeRequest;

class CredentialsTest {

    @Test
    void bearerSchemeIsCaseInsensitive() {
        assertThat(Credentials.bearer("Bearer abc.def.ghi")).isEqualTo("abc.def.ghi");
        assertThat(Credentials.bearer("bearer abc")).isEqualTo("abc");
        assertThat(Credentials.bearer("BEARER abc")).isEqualTo("abc");
        assertThat(Credentials.bearer("Bearer   abc  ")).isEqualTo("abc");
    }

    @Test
    void otherSchemesAndBlanksAreNoToken() {
        assertThat(Credentials.bearer(null)).isNull();
        assertThat(Credentials.bearer("")).isNull();
        assertThat(Credentials.bearer("Bearer")).isNull();
        assertThat(Credentials.bearer("Bearer ")).isNull();
        assertThat(Credentials.bearer("Bearer    ")).isNull();
        assertThat(Credentials.bearer("Basic dXNlcjpwYXNz")).isNull();
        assertThat(Credentials.bearer("Bearerabc")).isNull();
        assertThat(Credentials.bearer("Token abc")).isNull();
    }

    @Test
    void theHeaderComesFirst() {
        assertThat(Credentials.of(new FakeRequest().header("Authorization", "Bearer from-header")
                .param("access_token", "from-query").build())).isEqualTo("from-header");
        assertThat(Credentials.of(new FakeRequest().header("authorization", "bearer lower").build())).isEqualTo("lower");
    }

    @Test
    void theQueryParameterIsTheFallback() {
        assertThat(Credentials.QUERY_PARAMETER).isEqualTo("access_token");
        assertThat(Credentials.of(new FakeRequest().param("access_token", "from-query").build())).isEqualTo("from-query");
        assertThat(Credentials.of(new FakeRequest().header("Authorization", "Basic dXNlcjpwYXNz")
                .param("access_token", " from-query ").build())).isEqualTo("from-query");
    }

    @Test
    void nothingUsableIsNull() {
        assertThat(Credentials.of(new FakeRequest().build())).isNull();
        assertThat(Credentials.of(new FakeRequest().param("access_token", "  ").build())).isNull();
        assertThat(Credentials.of(new FakeRequest().param("access_token", "").header("Authorization", "Basic x").build())).isNull();
    }
}
