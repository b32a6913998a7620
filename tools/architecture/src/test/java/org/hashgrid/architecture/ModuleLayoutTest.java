package org.hashgrid.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The module pattern of {@code docs/writing-a-module.md}, checked on the built classes of every
 * bundle: a rule broken here fails the build.
 */
class ModuleLayoutTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.hashgrid");

    /**
     * The table-owning modules and the entities of the tables each owns; a module reads or
     * writes another module's tables only through that module's exported services.
     */
    private static final Map<String, List<String>> OWNED_ENTITIES = Map.of(
            "identity", List.of("User", "UserAccess", "LoginRecord", "AuthToken"),
            "hosting", List.of("HostingSite", "MinerModel", "HostingMiner", "MinerOperationLog", "MinerActionRequest",
                    "MinerCredential"),
            "events", List.of("WebhookSubscription", "WebhookDelivery"));

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.hashgrid.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void servicesNeverDependOnTheRestEdge() {
        noClasses().that().resideInAPackage("..internal..")
                .should().dependOnClassesThat().resideInAPackage("..rest..")
                .because("internal services take and return domain records, never REST DTOs")
                .check(CLASSES);
    }

    @Test
    void entitiesNeverReachTheWire() {
        noClasses().that().resideInAPackage("org.hashgrid..rest..")
                .should().dependOnClassesThat().resideInAPackage("org.hashgrid.model")
                .because("resources show domain records; entities never leave a transaction")
                .check(CLASSES);
    }

    @Test
    void coreAndModelCarryNoWebStack() {
        noClasses().that().resideInAnyPackage("org.hashgrid.core..", "org.hashgrid.model..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("javax.ws.rs..", "com.fasterxml.jackson..", "org.hashgrid.api..",
                        "javax.servlet..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("org.hashgrid.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.persistence..", "org.osgi.service..",
                        "org.slf4j..")
                .because("the core is dependency-free")
                .check(CLASSES);
    }

    @Test
    void onlyTheModelKnowsTheJpaContainer() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.aries.jpa..")
                .because("modules use org.hashgrid.model.persistence.Transactions")
                .check(CLASSES);
    }

    @Test
    void everyTableHasOneOwningModule() {
        OWNED_ENTITIES.forEach((owner, entities) -> noClasses().that().resideInAPackage("org.hashgrid..")
                .and().resideOutsideOfPackages("org.hashgrid." + owner + "..", "org.hashgrid.model..")
                .should().dependOnClassesThat()
                .haveNameMatching("org\\.hashgrid\\.model\\.(" + String.join("|", entities) + ")")
                .because(owner + " owns these tables; other modules go through its exported services")
                .check(CLASSES));
    }
}
