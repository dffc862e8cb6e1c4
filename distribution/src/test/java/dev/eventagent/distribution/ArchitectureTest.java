package dev.eventagent.distribution;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module boundaries of ARCHITECTURE.md, checked on the compiled classes of every module
 * (all of them are test dependencies of this module).
 */
@AnalyzeClasses(packages = "dev.eventagent", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The SPI depends on the JDK only, so plugins can take it with scope "provided". */
    @ArchTest
    static final ArchRule apiDependsOnlyOnTheJdk = classes()
            .that().resideInAPackage("dev.eventagent.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.eventagent.api..")
            .because("agent-api is shared with every plugin class loader and must bring nothing along");

    /** Plugins see the engine only through the SPI. */
    @ArchTest
    static final ArchRule toolsDoNotDependOnTheEngine = noClasses()
            .that().resideInAnyPackage("dev.eventagent.tools..", "dev.eventagent.embedder..",
                    "dev.eventagent.demo.backends..", "dev.eventagent.testing..")
            .should().dependOnClassesThat().resideInAPackage("dev.eventagent.engine..")
            .because("plugins, demo backends and testing servers are loaded in class loaders that share only "
                    + "dev.eventagent.api");

    /** Plugins never reach into the demo, its backends, the testing servers or the testkit. */
    @ArchTest
    static final ArchRule pluginsDoNotDependOnDemoOrTestkit = noClasses()
            .that().resideInAnyPackage("dev.eventagent.tools..", "dev.eventagent.embedder..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.eventagent.demo..", "dev.eventagent.testkit..",
                    "dev.eventagent.testing..")
            .because("plugins/<name>/ holds only the plugin and its libraries");

    /** The testing servers run in the demo too: no test library and no JUnit contract in them. */
    @ArchTest
    static final ArchRule testingServersUseNoTestLibrary = noClasses()
            .that().resideInAPackage("dev.eventagent.testing..")
            .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.assertj..", "org.opentest4j..",
                    "org.awaitility..", "org.hamcrest..", "org.mockito..", "dev.eventagent.testkit..")
            .because("demo-backends/ and demo/ ship them, and a distribution carries no test library");

    /** The demo and the benchmark use the engine, never the other way round. */
    @ArchTest
    static final ArchRule demoBackendsDoNotDependOnTheDemo = noClasses()
            .that().resideInAPackage("dev.eventagent.demo.backends..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.eventagent.demo", "dev.eventagent.demo.bench..")
            .because("demo-backends/ has its own class loader, apart from demo/");

    /** Each tools module stands alone: plugin folders do not see each other's classes. */
    @ArchTest
    static final ArchRule toolsModulesDoNotDependOnEachOther = slices()
            .matching("dev.eventagent.tools.(*)..")
            .should().notDependOnEachOther()
            .because("each plugin folder has its own class loader and can be left out of a trimmed distribution");

    /** The engine knows tools, the demo and the broker only through the SPI and ServiceLoader. */
    @ArchTest
    static final ArchRule engineDoesNotDependOnTools = noClasses()
            .that().resideInAPackage("dev.eventagent.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.eventagent.tools..", "dev.eventagent.embedder..",
                    "dev.eventagent.demo..", "dev.eventagent.testkit..", "dev.eventagent.testing..",
                    "kafka..", "org.apache.kafka.server..", "org.apache.kafka.raft..", "scala..")
            .because("tools, embedders, the demo and its broker come from their folders, found with ServiceLoader; "
                    + "lib/ carries no broker");
}
