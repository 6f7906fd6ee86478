package org.fengqiao;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(FengqiaoApplication.class);

    @Test
    void modulesOnlyUseEachOthersPublicApiAndFormNoCycles() {
        MODULES.verify();
    }

    /**
     * Writes the module diagrams to target/ on every run (so a broken module model shows), and to
     * docs/modules when asked: {@code ./test -Dtest=ModularityTests -Dfengqiao.modules.docs=docs/modules}.
     * Documenter orders its output differently from run to run, so it does not rewrite the
     * committed diagrams on every test run.
     */
    @Test
    void writesModuleDocumentation() {
        String folder = System.getProperty("fengqiao.modules.docs", "target/modules-docs");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(folder))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
