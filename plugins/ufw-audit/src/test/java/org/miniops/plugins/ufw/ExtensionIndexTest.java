package org.miniops.plugins.ufw;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.miniops.api.AuditCheck;
import org.junit.jupiter.api.Test;

class ExtensionIndexTest {

    @Test
    void indexNamesAllThreeChecks() throws Exception {
        // Read the index next to the main classes: the test classes carry an empty one of their own.
        Path classes = Path.of(UfwActiveCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String index = Files.readString(classes.resolve("META-INF/extensions.idx"));

        assertThat(index).contains(UfwActiveCheck.class.getName(), UfwDefaultIncomingCheck.class.getName(),
                UfwOpenPortsCheck.class.getName());
    }

    @Test
    void checksHaveFixedIdsInUfwGroup() {
        List<AuditCheck> checks = List.of(new UfwActiveCheck(), new UfwDefaultIncomingCheck(), new UfwOpenPortsCheck());

        assertThat(checks).extracting(AuditCheck::id)
                .containsExactly("ufw.active", "ufw.default-incoming", "ufw.open-ports");
        assertThat(checks).extracting(AuditCheck::group).containsOnly("ufw");
    }
}
