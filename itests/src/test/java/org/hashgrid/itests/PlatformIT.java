package org.hashgrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/** The distribution boots whole: features, bundles, health, a CRUD round trip, and clean errors. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformIT extends HashgridTestSupport {
    private static final String JSON = "application/json";

    @Inject
    FeaturesService features;

    @Test
    public void everyHashgridFeatureIsInstalledAndEveryBundleActive() throws Exception {
        awaitPlatform();
        List<String> hashgrid = new ArrayList<>();
        for (Feature feature : features.listFeatures()) {
            if (feature.getName().startsWith("hashgrid")) {
                hashgrid.add(feature.getName());
                assertTrue(feature.getName() + " installed", features.isInstalled(feature));
            }
        }
        assertTrue(hashgrid.toString(), hashgrid.containsAll(List.of("hashgrid", "hashgrid-api", "hashgrid-model",
                "hashgrid-hosting")));
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders().get("Fragment-Host") != null;
            if (!fragment) {
                assertEquals(bundle.getSymbolicName() + " active", Bundle.ACTIVE, bundle.getState());
            }
        }
    }

    @Test
    public void healthIsGreenWithSchemaVersionAndBundles() throws Exception {
        Reply health = awaitPlatform();
        assertTrue(health.body(), health.body().contains("\"status\":\"UP\""));
        assertTrue(health.body(), health.body().contains("\"schema_version\""));
        assertTrue(health.body(), health.body().contains("\"org.hashgrid.hosting\":\"ACTIVE\""));
    }

    @Test
    public void crudRoundTripOverHttp() throws Exception {
        awaitPlatform();
        Reply site = post("/sites", "{\"name\":\"Round trip\",\"location\":\"Quebec\",\"capacity_mw\":40}");
        assertEquals(site.body(), 201, site.status());
        long siteId = idOf(site.body());
        // Location from the path alone (no public base URL configured), never from the Host header
        assertEquals("/api/v1/sites/" + siteId, site.header("Location"));
        assertEquals("nosniff", site.header("X-Content-Type-Options"));
        assertEquals("no-store", site.header("Cache-Control"));
        assertEquals("nosniff", get("/sites/424242").header("X-Content-Type-Options"));
        Reply model = post("/miner-models", "{\"name\":\"RT S19 Pro\",\"manufacturer\":\"Bitmain\","
                + "\"hashrate\":110,\"power_consumption\":3250}");
        assertEquals(model.body(), 201, model.status());
        assertTrue(model.body(), model.body().contains("\"efficiency\":29.55"));
        long modelId = idOf(model.body());
        Reply miner = post("/miners", "{\"serial_number\":\"RT-0001\",\"miner_model_id\":" + modelId
                + ",\"site_id\":" + siteId + ",\"cgminer_ip\":\"127.0.0.1\"}");
        assertEquals(miner.body(), 201, miner.status());
        long minerId = idOf(miner.body());

        Reply listed = get("/miners?site_id=" + siteId);
        assertEquals(200, listed.status());
        assertTrue(listed.body(), listed.body().contains("\"serial_number\":\"RT-0001\""));

        Reply patched = http("PATCH", "/miners/" + minerId, "application/merge-patch+json",
                "{\"status\":\"maintenance\"}");
        assertEquals(patched.body(), 200, patched.status());
        assertTrue(patched.body().contains("\"status\":\"maintenance\""));
        assertTrue(get("/sites/" + siteId).body().contains("\"total_miners\":1"));

        assertEquals(204, http("DELETE", "/miners/" + minerId, null, null).status());
        assertEquals(404, get("/miners/" + minerId).status());
        assertEquals(204, http("DELETE", "/sites/" + siteId, null, null).status());
    }

    @Test
    public void badInputGetsProblemsAndWritesNothing() throws Exception {
        awaitPlatform();
        String before = get("/sites?limit=500").body();
        assertProblem(post("/sites", "{\"name\":"), 400, "Malformed JSON");
        assertProblem(post("/sites", "{\"name\":\"x\",\"capacity_mw\":\"lots\"}"), 400, "capacity_mw");
        assertProblem(post("/sites", "{\"name\":\"x\",\"capacity_mw\":1,\"admin\":true}"), 400, "admin");
        assertProblem(post("/sites", "{\"capacity_mw\":1}"), 400, "name");
        assertProblem(post("/sites", "{\"name\":\"x\",\"capacity_mw\":0}"), 400, "greater than 0");
        assertProblem(post("/sites", "{\"name\":\"x\",\"capacity_mw\":-3}"), 400, "greater than 0");
        assertProblem(post("/sites", "{\"name\":\"" + "x".repeat(1_100_000) + "\",\"capacity_mw\":1}"), 413,
                "larger than");
        assertProblem(http("POST", "/sites", "text/plain", "name=x"), 415, "Content-Type");
        // Allow names what this path serves, not every method of every resource
        Reply put = http("PUT", "/sites", JSON, "{}");
        assertProblem(put, 405, "allowed");
        assertEquals("GET, HEAD, OPTIONS, POST", put.header("Allow"));
        assertEquals("DELETE, GET, HEAD, OPTIONS, PATCH", http("PUT", "/sites/1", JSON, "{}").header("Allow"));
        assertEquals("GET, HEAD, OPTIONS", http("POST", "/health", JSON, "{}").header("Allow"));
        assertProblem(get("/sites/424242"), 404, "does not exist");
        assertProblem(get("/no-such-thing"), 404, "No resource");
        assertProblem(get("/miners?status=exploded"), 400, "status");
        assertProblem(get("/miners?limit=501"), 400, "limit");
        assertProblem(get("/miners?limit=abc"), 400, "wrong type");
        assertProblem(get("/miners?site_id=x"), 400, "wrong type");
        assertProblem(http("PATCH", "/sites/1", JSON, "null"), 400, "body is required");
        assertProblem(post("/sites", "{\"name\":\"a\",\"name\":\"b\",\"capacity_mw\":1}"), 400, "more than once");
        assertProblem(post("/sites", "{\"name\":\"\\ud800x\",\"capacity_mw\":1}"), 400, "valid Unicode");
        assertProblem(post("/sites", "{\"name\":\"a\\u0000b\",\"capacity_mw\":1}"), 400, "without NUL");
        Reply echo = post("/discovery", "{\"cidr\":\"" + "9".repeat(100_000) + "\",\"port\":4028}");
        assertProblem(echo, 400, "cidr");
        assertTrue("input is not echoed in full: " + echo.body().length(), echo.body().length() < 2_000);
        assertProblem(post("/miners", "{\"serial_number\":\"BAD-1\",\"miner_model_id\":424242,\"site_id\":424242}"),
                400, "does not exist");
        assertEquals("nothing written", before, get("/sites?limit=500").body());

        assertEquals(201, post("/miner-models", "{\"name\":\"Dup\",\"manufacturer\":\"X\",\"hashrate\":1,"
                + "\"power_consumption\":1}").status());
        assertProblem(post("/miner-models", "{\"name\":\"Dup\",\"manufacturer\":\"X\",\"hashrate\":1,"
                + "\"power_consumption\":1}"), 409, "already exists");
    }

    @Test
    public void minersImportFromCsvAllOrNothing() throws Exception {
        awaitPlatform();
        long site = idOf(post("/sites", "{\"name\":\"CSV site\",\"capacity_mw\":2}").body());
        long model = idOf(post("/miner-models", "{\"name\":\"CSV model\",\"manufacturer\":\"X\",\"hashrate\":1,"
                + "\"power_consumption\":1}").body());
        String csv = "serial_number,miner_model_id,site_id,cgminer_ip\n"
                + "IMP-1," + model + "," + site + ",10.1.0.1\n"
                + "IMP-2," + model + "," + site + ",10.1.0.2\n";
        Reply imported = http("POST", "/miners/import", "text/csv", csv);
        assertEquals(imported.body(), 200, imported.status());
        assertTrue(imported.body(), imported.body().contains("\"imported\":2"));
        Reply again = http("POST", "/miners/import", "text/csv", csv);
        assertProblem(again, 400, "fields are invalid");
        assertTrue(again.body(), again.body().contains("row 2") && again.body().contains("row 3"));
        assertProblem(http("POST", "/miners/import", "application/json", "{}"), 415, "");
        assertProblem(http("POST", "/miners/import", "text/csv", "serial_number\n" + "X\n".repeat(600_000)), 413,
                "larger than");
        assertTrue(get("/sites/" + site).body().contains("\"total_miners\":2"));
    }

    @Test
    public void openApiDescribesTheEndpoints() throws Exception {
        awaitPlatform();
        Reply openApi = get("/openapi.json");
        for (String path : List.of("/api/v1/health", "/api/v1/sites", "/api/v1/sites/{id}", "/api/v1/miner-models",
                "/api/v1/miners", "/api/v1/miners/{id}")) {
            assertTrue(path, openApi.body().contains("\"" + path + "\""));
        }
        assertTrue(openApi.body().contains("\"capacity_mw\""));
    }

    @Test
    public void shipsNoKnownPasswordAndKeepsSshOnLoopback() throws Exception {
        java.nio.file.Path etc = java.nio.file.Path.of(System.getProperty("karaf.etc"));
        for (String line : java.nio.file.Files.readAllLines(etc.resolve("users.properties"))) {
            String entry = line.strip();
            assertTrue("no active account in users.properties: " + entry, entry.isEmpty() || entry.startsWith("#"));
        }
        java.util.Properties shell = new java.util.Properties();
        try (java.io.Reader in = java.nio.file.Files.newBufferedReader(etc.resolve("org.apache.karaf.shell.cfg"))) {
            shell.load(in);
        }
        assertEquals("127.0.0.1", shell.getProperty("sshHost"));
    }

    private static void assertProblem(Reply reply, int status, String detailPart) {
        assertEquals(reply.body(), status, reply.status());
        assertTrue(reply.contentType(), reply.contentType().startsWith("application/problem+json"));
        assertTrue(reply.body(), reply.body().contains(detailPart));
        assertFalse("no stack traces", reply.body().contains("Exception") || reply.body().contains("\tat "));
        assertFalse("no SQL", reply.body().toLowerCase().contains("select ") || reply.body().contains("insert "));
    }
}
