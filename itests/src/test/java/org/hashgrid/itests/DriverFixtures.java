package org.hashgrid.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.hashgrid.itests.testdriver.Activator;
import org.hashgrid.itests.testdriver.FixedReadingDriver;
import org.hashgrid.tools.simulator.Fault;
import org.hashgrid.tools.simulator.MinerModel;
import org.hashgrid.tools.simulator.MinerSimulator;

/** What {@link DriverIT} prepares in the test JVM before the container starts. */
final class DriverFixtures {
    /** Kept for the life of the test JVM; the container's miners talk to it over loopback. */
    private static MinerSimulator simulator;

    private DriverFixtures() {
    }

    /** Miner 0 healthy, 1 answering garbage, 2 never answering, one per address, on a free port. */
    static synchronized int startSimulator(String[] addresses) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // stock cgminer firmware: it accepts stop/start (ascdisable/ascenable), so actions can be shown
        simulator = MinerSimulator.builder().miners(addresses.length).models(MinerModel.CGMINER_ASIC)
                .consecutiveAddresses(InetAddress.getByName(addresses[0]), port).seed(7).start();
        simulator.miner(1).setFault(Fault.GARBAGE);
        simulator.miner(2).setFault(Fault.SILENT);
        return port;
    }

    /** Packs the test driver classes into a bundle of their own, as a vendor's build would. */
    static Path testDriverBundle() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "org.hashgrid.itests.fixed-driver");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", Activator.class.getName());
        main.putValue("Import-Package", "org.hashgrid.driver;version=\"[1.0,2)\",org.osgi.framework");
        Path jar = Path.of("target", "fixed-driver.jar").toAbsolutePath();
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Class<?> type : new Class<?>[] { FixedReadingDriver.class, Activator.class }) {
                String entry = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
