package io.rtc.echo.support;

import static io.restassured.RestAssured.given;

import java.net.URI;

/** Reads one sample from the Prometheus text that {@code /q/metrics} serves. */
public final class Metrics {

    private Metrics() {
    }

    /** The value of the first sample named {@code series} (with or without labels), or 0 when absent. */
    public static double value(URI base, String series) {
        return value(base, series, null, null);
    }

    /** The value of the first sample named {@code series} with the label {@code name="value"}, or 0 when absent. */
    public static double value(URI base, String series, String label, String labelValue) {
        String body = given().baseUri(base.toString()).get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : body.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (line.startsWith("#") || space < 0) {
                continue;
            }
            String key = line.substring(0, space);
            if ((key.equals(series) || key.startsWith(series + "{"))
                    && (label == null || key.contains(label + "=\"" + labelValue + "\""))) {
                return Double.parseDouble(line.substring(space + 1));
            }
        }
        return 0;
    }
}
