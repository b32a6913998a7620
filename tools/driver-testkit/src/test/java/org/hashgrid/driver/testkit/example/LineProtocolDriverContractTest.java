package org.hashgrid.driver.testkit.example;

import java.io.IOException;
import java.util.OptionalDouble;

import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.testkit.MinerDriverContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A third-party driver passes the kit with these few lines. */
class LineProtocolDriverContractTest extends MinerDriverContractTest {

    private LineProtocolMiners miners;
    private LineProtocolDriver driver;

    @BeforeAll
    void start() throws IOException {
        miners = new LineProtocolMiners();
        driver = new LineProtocolDriver();
    }

    @AfterAll
    void stop() throws IOException {
        driver.close();
        miners.close();
    }

    @Override
    protected MinerDriver driver() {
        return driver;
    }

    @Override
    protected MinerAccess healthyMiner() {
        return MinerAccess.of(miners.healthy());
    }

    @Override
    protected MinerAccess silentMiner() {
        return MinerAccess.of(miners.silent());
    }

    @Override
    protected MinerAccess garbageMiner() {
        return MinerAccess.of(miners.garbage());
    }

    @Override
    protected OptionalDouble expectedHashrateThs() {
        return OptionalDouble.of(95.5);
    }
}
