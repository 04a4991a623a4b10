package org.miniops.plugins.portcoverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExtensionIndexTest {

    @Test
    void indexNamesOnlyTheCoverageCheck() throws Exception {
        // The bundled copies of the other plugins' checks must not register a second time under this plugin.
        Path classes = Path.of(SshPortCoverageCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        assertThat(Files.readAllLines(classes.resolve("META-INF/extensions.idx")))
                .filteredOn(line -> !line.startsWith("#") && !line.isBlank())
                .containsExactly(SshPortCoverageCheck.class.getName());
    }
}
