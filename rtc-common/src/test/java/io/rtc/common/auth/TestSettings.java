package io.rtc.common.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** AuthSettings as a record, with the defaults of the interface; {@code with...} copies change one setting. */
record TestSettings(boolean required, Optional<String> keyLocation, Optional<String> hmacSecret,
        Optional<List<String>> algorithms, Optional<String> issuer, Optional<List<String>> audiences,
        Optional<Duration> clockSkew, String nameClaim, String rolesClaim) implements AuthSettings {

    static TestSettings defaults() {
        return new TestSettings(false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), "preferred_username", "groups");
    }

    TestSettings withRequired(boolean value) {
        return new TestSettings(value, keyLocation, hmacSecret, algorithms, issuer, audiences, clockSkew, nameClaim, rolesClaim);
    }

    TestSettings withKeyLocation(String value) {
        return new TestSettings(required, Optional.of(value), hmacSecret, algorithms, issuer, audiences, clockSkew, nameClaim,
                rolesClaim);
    }

    TestSettings withHmacSecret(String value) {
        return new TestSettings(required, keyLocation, Optional.of(value), algorithms, issuer, audiences, clockSkew, nameClaim,
                rolesClaim);
    }

    TestSettings withAlgorithms(String... value) {
        return new TestSettings(required, keyLocation, hmacSecret, Optional.of(List.of(value)), issuer, audiences, clockSkew,
                nameClaim, rolesClaim);
    }

    TestSettings withIssuer(String value) {
        return new TestSettings(required, keyLocation, hmacSecret, algorithms, Optional.of(value), audiences, clockSkew, nameClaim,
                rolesClaim);
    }

    TestSettings withAudiences(String... value) {
        return new TestSettings(required, keyLocation, hmacSecret, algorithms, issuer, Optional.of(List.of(value)), clockSkew,
                nameClaim, rolesClaim);
    }

    TestSettings withClockSkew(Duration value) {
        return new TestSettings(required, keyLocation, hmacSecret, algorithms, issuer, audiences, Optional.of(value), nameClaim,
                rolesClaim);
    }

    TestSettings withRolesClaim(String value) {
        return new TestSettings(required, keyLocation, hmacSecret, algorithms, issuer, audiences, clockSkew, nameClaim, value);
    }
}
