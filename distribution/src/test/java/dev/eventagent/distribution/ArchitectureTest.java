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
            .that().resideInAnyPackage("dev.eventagent.tools..", "dev.eventagent.embedder..", "dev.eventagent.demo..")
            .should().dependOnClassesThat().resideInAPackage("dev.eventagent.engine..")
            .because("plugins and demo backends are loaded in class loaders that share only dev.eventagent.api");

    /** Plugins never reach into the demo's backends or the testkit, which the service does not ship. */
    @ArchTest
    static final ArchRule pluginsDoNotDependOnDemoOrTestkit = noClasses()
            .that().resideInAnyPackage("dev.eventagent.tools..", "dev.eventagent.embedder..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.eventagent.demo..", "dev.eventagent.testkit..")
            .because("plugins/<name>/ holds only the plugin and its libraries");

    /** Each tools module stands alone: plugin folders do not see each other's classes. */
    @ArchTest
    static final ArchRule toolsModulesDoNotDependOnEachOther = slices()
            .matching("dev.eventagent.tools.(*)..")
            .should().notDependOnEachOther()
            .because("each plugin folder has its own class loader and can be left out of a trimmed distribution");

    /** The engine knows tools only through the SPI and ServiceLoader. */
    @ArchTest
    static final ArchRule engineDoesNotDependOnTools = noClasses()
            .that().resideInAPackage("dev.eventagent.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.eventagent.tools..", "dev.eventagent.embedder..",
                    "dev.eventagent.demo..", "dev.eventagent.testkit..")
            .because("tools, embedders and demo backends come from their folders, found with ServiceLoader");
}
