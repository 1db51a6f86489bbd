package io.rtc.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessTokenTest {

    private static final Map<String, String> ENV = Map.of("RTC_TOKEN", " from-env ");

    @Test
    void theOptionWinsThenTheEnvironment() {
        assertThat(AccessToken.resolve("from-option", ENV::get)).isEqualTo("from-option");
        assertThat(AccessToken.resolve(null, ENV::get)).isEqualTo("from-env");
        assertThat(AccessToken.resolve(null, name -> null)).isNull();
        assertThat(AccessToken.resolve(null, name -> "  ")).isNull();
        // an empty --token is a way to stay anonymous whatever RTC_TOKEN says
        assertThat(AccessToken.resolve("", ENV::get)).isNull();
    }

    @Test
    void aTokenIsPrintableAsciiWithoutSpaces() {
        assertThat(AccessToken.wellFormed("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln-_")).isTrue();
        assertThat(AccessToken.wellFormed("two words")).isFalse();
        assertThat(AccessToken.wellFormed("line\nbreak")).isFalse();
        assertThat(AccessToken.wellFormed("ünï")).isFalse();
    }

    @Test
    void requestsGetTheBearerHeader() {
        RequestOptions request = AccessToken.addTo(new RequestOptions().setURI("/api/logs"), "abc.def.ghi");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer abc.def.ghi");
        assertThat(request.getURI()).isEqualTo("/api/logs");

        assertThat(AccessToken.addTo(new RequestOptions(), null).getHeaders()).isNull();
    }

    @Test
    void upgradesGetTheHeaderAndTheQueryParameter() {
        WebSocketConnectOptions plain = AccessToken.addTo(new WebSocketConnectOptions().setURI("/logs/stream"), "a.b.c");
        assertThat(plain.getURI()).isEqualTo("/logs/stream?access_token=a.b.c");
        assertThat(plain.getHeaders().get("Authorization")).isEqualTo("Bearer a.b.c");

        WebSocketConnectOptions withQuery = AccessToken.addTo(new WebSocketConnectOptions().setURI("/chatHub?id=t1"), "a.b.c");
        assertThat(withQuery.getURI()).isEqualTo("/chatHub?id=t1&access_token=a.b.c");

        assertThat(AccessToken.addTo(new WebSocketConnectOptions().setURI("/x"), null).getURI()).isEqualTo("/x");
    }

    @Test
    void theQueryParameterIsEncoded() {
        assertThat(AccessToken.withQueryParameter("/s?", "a+b/c=")).isEqualTo("/s?access_token=a%2Bb%2Fc%3D");
        assertThat(AccessToken.withQueryParameter("/s?a=1&", "t")).isEqualTo("/s?a=1&access_token=t");
    }
}
