package org.hashgrid.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.inject.Inject;
import javax.security.auth.Subject;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.hashgrid.api.JsonMapping;
import org.hashgrid.testing.TestPostgres;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Boots the built distribution with a database of its own on the test PostgreSQL, on free
 * ports, and gives tests HTTP and Karaf-shell helpers. Runs inside the container.
 */
public abstract class HashgridTestSupport {
    protected static final String HTTP_PORT_PROPERTY = "hashgrid.itest.http.port";
    /** The first owner, created at the first start from these settings (as HASHGRID_OWNER_* would). */
    protected static final String OWNER_EMAIL = "owner@itest.hashgrid.org";
    protected static final String OWNER_PASSWORD = "itest-root-passphrase-7";

    /** Karaf's features processing instructions (blacklists, overrides), beside the cfg. */
    private static final String FEATURES_XML = "etc/org.apache.karaf.features.xml";
    /**
     * Pax Exam's javax.inject (a dependency bundle of its exam feature). The platform already
     * exports javax.inject 1.0; left in, this 1.0.5 would replace the platform's provider in the
     * second stage and refresh the whole persistence stack and the Hashgrid bundles under the
     * running platform. Blacklisted, pax-exam-inject and the probe wire to the platform's.
     */
    private static final String EXAM_INJECT_BUNDLE = "mvn:jakarta.inject/jakarta.inject-api";

    /**
     * Packages of the container that the test classes use outside the test methods (injected
     * services, the shell session, the principals of {@link #execute}), imported statically so
     * that the probe wires them when it resolves, not lazily through DynamicImport-Package in the
     * middle of a test. Every one of them is exported once the first boot stage is done (the
     * platform's features, the JRE, or Pax Exam's own feature, installed with the probe).
     */
    private static final String PROBE_IMPORTS = String.join(",",
            "javax.inject",
            "javax.security.auth",
            "org.apache.karaf.features",
            "org.apache.karaf.jaas.boot.principal",
            "org.apache.karaf.shell.api.console",
            "org.ops4j.pax.exam",
            "org.osgi.framework");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    protected BundleContext context;

    @Inject
    protected SessionFactory sessionFactory;

    /** Injection waits for it: every boot feature is installed before a test runs. */
    @Inject
    protected BootFinished bootFinished;

    /** Static imports for the probe; everything else stays on Pax Exam's DynamicImport-Package: *. */
    @ProbeBuilder
    public TestProbeBuilder probeConfiguration(TestProbeBuilder probe) {
        probe.setHeader(Constants.IMPORT_PACKAGE, PROBE_IMPORTS);
        return probe;
    }

    @Configuration
    public Option[] config() throws Exception {
        File distribution = new File(System.getProperty("hashgrid.distribution")).getAbsoluteFile();
        TestPostgres.Database db = TestPostgres.createDatabase("itest_" + getClass().getSimpleName());
        String http = Integer.toString(freePort());
        String ds = "etc/org.ops4j.datasource-hashgrid.cfg";
        return new Option[] {
            karafDistributionConfiguration()
                    // the zip in the reactor, so `mvn verify` needs nothing installed in ~/.m2
                    .frameworkUrl("file:" + distribution.getPath())
                    .name("Hashgrid")
                    .unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            // the container's folder (etc/, data/log/karaf.log) stays in target/exam for the post-mortem of a failure
            keepRuntimeFolder(),
            // The distribution boots the platform as a stage of its own (distribution/pom.xml); the
            // exam and test-dependencies features Pax Exam appends to featuresBoot, and with them
            // the probe, join the second stage, once the platform's deployment is done.
            replaceConfigurationFile(FEATURES_XML, featuresProcessing(distribution)),
            logLevel(LogLevel.INFO),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                    System.getProperty("hashgrid.m2")),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", http),
            // tests that want polling turn it on (TelemetryIT); elsewhere it would set test miners offline
            editConfigurationFilePut("etc/org.hashgrid.telemetry.cfg", "enabled", "false"),
            // the simulated miners answer on loopback, which the shipped ranges leave out
            editConfigurationFilePut("etc/org.hashgrid.hosting.addresses.cfg", "allowed.ranges",
                    "10.0.0.0/8,127.0.0.0/8"),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort",
                    Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort",
                    Integer.toString(freePort())),
            editConfigurationFilePut(ds, "osgi.jdbc.driver.name", "PostgreSQL JDBC Driver"),
            editConfigurationFilePut(ds, "url", db.url()),
            editConfigurationFilePut(ds, "user", db.user() == null ? "" : db.user()),
            editConfigurationFilePut(ds, "password", db.password() == null ? "" : db.password()),
            editConfigurationFilePut(ds, "dataSourceName", "hashgrid"),
            editConfigurationFilePut(ds, "pool", "hikari"),
            editConfigurationFilePut(ds, "xa", "false"),
            systemProperty(HTTP_PORT_PROPERTY).value(http),
            systemProperty("HASHGRID_OWNER_EMAIL").value(OWNER_EMAIL),
            systemProperty("HASHGRID_OWNER_PASSWORD").value(OWNER_PASSWORD),
        };
    }

    /** The distribution's features processing file with Pax Exam's javax.inject bundle blacklisted. */
    private static File featuresProcessing(File distribution) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document xml = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(distributionFile(distribution, FEATURES_XML)));
        Element root = xml.getDocumentElement();
        String ns = root.getNamespaceURI();
        Element blacklisted = (Element) root.getElementsByTagNameNS(ns, "blacklistedBundles").item(0);
        if (blacklisted == null) {
            blacklisted = xml.createElementNS(ns, "blacklistedBundles");
            // the schema's order: blacklists first, then overrides and replacements
            Node before = null;
            for (String later : new String[] { "featureReplacements", "bundleReplacements",
                "overrideBundleDependency" }) {
                Node found = root.getElementsByTagNameNS(ns, later).item(0);
                before = found != null ? found : before;
            }
            root.insertBefore(blacklisted, before);
        }
        Element bundle = xml.createElementNS(ns, "bundle");
        bundle.setTextContent(EXAM_INJECT_BUNDLE);
        blacklisted.appendChild(bundle);
        File file = new File("target/exam-features-processing.xml").getAbsoluteFile();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(xml), new StreamResult(file));
        return file;
    }

    /** The bytes of {@code path} (relative to the distribution's root folder) in the distribution zip. */
    private static byte[] distributionFile(File distribution, String path) throws IOException {
        try (ZipFile zip = new ZipFile(distribution)) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().endsWith("/" + path)) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        return in.readAllBytes();
                    }
                }
            }
        }
        throw new IllegalStateException("no " + path + " in " + distribution);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** An HTTP answer: status, content type and body text. */
    protected record Reply(int status, String contentType, String body, Map<String, List<String>> headers) {
        Reply(int status, String contentType, String body) {
            this(status, contentType, body, Map.of());
        }

        /** The first value of header {@code name} (any case), or null. */
        String header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .flatMap(h -> h.getValue().stream()).findFirst().orElse(null);
        }
    }

    /** A request as the owner (logged in on first use). */
    protected Reply http(String method, String path, String contentType, String body) throws IOException {
        return httpAs(ownerToken(), method, path, contentType, body);
    }

    /** A request with {@code token} as bearer, or anonymous when it is null, and extra {@code headers} (name, value, …). */
    protected Reply httpAs(String token, String method, String path, String contentType, String body,
            String... headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + System.getProperty(HTTP_PORT_PROPERTY) + "/api/v1" + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    private Reply send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), response.headers().map());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** A GET as the owner with one extra header. */
    protected Reply httpWithHeader(String path, String name, String value) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + System.getProperty(HTTP_PORT_PROPERTY) + "/api/v1" + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + ownerToken()).header(name, value)
                .GET().build();
        return send(request);
    }

    /** Logs in and returns the bearer token; fails the test when the login is refused. */
    protected String login(String email, String password) throws IOException {
        Reply reply = httpAs(null, "POST", "/auth/login", "application/json",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        if (reply.status() != 200) {
            throw new AssertionError("login of " + email + " answered " + reply.status() + ": " + reply.body());
        }
        return field(reply.body(), "token");
    }

    private String ownerToken;

    /** The owner's token, or null while the login endpoint is not up yet. */
    protected String ownerToken() throws IOException {
        if (ownerToken == null) {
            Reply reply = httpAs(null, "POST", "/auth/login", "application/json",
                    "{\"email\":\"" + OWNER_EMAIL + "\",\"password\":\"" + OWNER_PASSWORD + "\"}");
            if (reply.status() == 200) {
                ownerToken = field(reply.body(), "token");
            }
        }
        return ownerToken;
    }

    /** The string value of a top-level JSON field (tests only read simple bodies). */
    /** The number in a JSON body's top-level field {@code name}. */
    protected static long number(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":(-?\\d+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no number " + name + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    protected static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"");
        if (at < 0) {
            throw new AssertionError("no " + name + " in " + json);
        }
        int start = at + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }

    /** Creates an account as the owner and returns its id. */
    protected String createUser(String email, String role, String password) throws IOException {
        Reply created = post("/users", "{\"email\":\"" + email + "\",\"role\":\"" + role + "\",\"password\":\""
                + password + "\"}");
        if (created.status() != 201) {
            throw new AssertionError("creating " + email + " answered " + created.status() + ": " + created.body());
        }
        return field(created.body(), "id");
    }

    protected Reply get(String path) throws IOException {
        return http("GET", path, null, null);
    }

    protected Reply post(String path, String json) throws IOException {
        return http("POST", path, "application/json", json);
    }

    /**
     * Waits until the platform serves: health green, the owner able to log in, and the hosting
     * and identity resources registered (the whiteboard adds resources asynchronously, a moment
     * after their services appear).
     */
    protected Reply awaitPlatform() throws Exception {
        Reply health = await("/health", 200, 90);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ownerToken() == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        for (String path : new String[] { "/sites", "/miner-models", "/miners", "/users", "/drivers" }) {
            await(path, 200, 30);
        }
        return health;
    }

    /** Polls until {@code path} answers {@code status}, or fails after the timeout. */
    protected Reply await(String path, int status, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        Reply last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = get(path);
                if (last.status() == status) {
                    return last;
                }
            } catch (IOException notListeningYet) {
                last = new Reply(-1, null, notListeningYet.toString());
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " did not answer " + status + " in " + timeoutSeconds + " s; last: " + last);
    }

    /** Runs a Karaf shell command as an admin, as an operator would in the console. */
    protected String execute(String command) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream printer = new PrintStream(output, true, StandardCharsets.UTF_8);
        Subject admin = new Subject();
        admin.getPrincipals().add(new RolePrincipal("admin"));
        admin.getPrincipals().add(new RolePrincipal("manager"));
        admin.getPrincipals().add(new RolePrincipal("viewer"));
        Subject.doAs(admin, (PrivilegedExceptionAction<Object>) () -> {
            Session session = sessionFactory.create(System.in, printer, printer);
            try {
                return session.execute(command);
            } finally {
                session.close();
            }
        });
        return output.toString(StandardCharsets.UTF_8);
    }

    protected Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** The id of the first number in a JSON body's {@code "id":} field. */
    /** One operation of the OpenAPI document: method, documented path, a callable URL (ids = 1), and its spec. */
    protected record Operation(String method, String path, String url, JsonNode spec) {
        String bodyType() {
            var types = spec.path("requestBody").path("content").fieldNames();
            return types.hasNext() ? types.next() : null;
        }
    }

    /** Every operation the platform documents now. */
    protected List<Operation> operations() throws Exception {
        JsonNode openApi = JsonMapping.newMapper().readTree(get("/openapi.json").body());
        List<Operation> all = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            String url = path.getKey().replace("/api/v1", "").replaceAll("\\{[^}]+}", "1");
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                all.add(new Operation(op.getKey().toUpperCase(), path.getKey(), url, op.getValue()));
            }
        }
        return all;
    }

    protected static long idOf(String json) {
        int at = json.indexOf("\"id\":") + 5;
        int end = at;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return Long.parseLong(json.substring(at, end));
    }
}
