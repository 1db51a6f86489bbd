package io.rtc.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ReportPrinterTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final ReportPrinter printer = new ReportPrinter(mapper);

    @Test
    void jsonIsOneLineWithTheDocumentedFields() throws Exception {
        String json = printer.toJson(report(0, null));

        assertFalse(json.contains("\n"));
        JsonNode node = mapper.readTree(json);
        assertEquals("echo", node.get("scenario").asText());
        assertEquals(123456, node.get("messages").asLong());
        assertEquals(12.5, node.get("latencyMicros").get("p50").asDouble());
        assertEquals(99.9, node.get("latencyMicros").get("p999").asDouble());
        assertTrue(node.get("passed").asBoolean());
        assertFalse(node.has("firstError"), "absent when nothing failed");
    }

    @Test
    void summaryShowsThroughputPercentilesAndVerdict() {
        String summary = printer.summary(report(3, "wrong reply"));

        assertTrue(summary.contains("12,346 msg/s"), summary);
        assertTrue(summary.contains("p50 12.5") && summary.contains("p99.9 99.9"), summary);
        assertTrue(summary.contains("3 wrong replies"), summary);
        assertTrue(summary.contains("first error   wrong reply"), summary);
        assertTrue(summary.contains("FAIL"), summary);
    }

    private static BenchReport report(long wrongReplies, String firstError) {
        LatencySummary latency = new LatencySummary(123456, 20.0, 12.5, 30.0, 80.0, 99.9, 150.0);
        return new BenchReport("echo", "closed-loop", "ws://127.0.0.1:8080/", 50, 16, 64, "text", 2, 3.0, 10.0,
                123456, 12345.6, latency, 50, 0, 0, 0, wrongReplies, 0, 50, firstError);
    }
}
